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
