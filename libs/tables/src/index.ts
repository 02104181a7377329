export { TABLE_SPECS, listTableSpecs, localTableName } from './table-specs';
export type { GlobalSecondaryIndexSpec, KeyAttribute, KeyAttributeType, TableName, TableSpec } from './table-specs';
