export { TABLE_SPECS, listTableSpecs, localTableName } from './table-specs';
export type {
  GlobalSecondaryIndexSpec,
  KeyAttribute,
  KeyAttributeType,
  StreamViewType,
  TableName,
  TableSpec,
  TableStreamSpec,
} from './table-specs';
export { WINDOW_ROW_PARTITION_PREFIX, windowRowChangesFilter } from './window-row-changes';
