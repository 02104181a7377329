// What DynamoDB Streams filter patterns see of a record: the whole event record (eventName,
// dynamodb.Keys/NewImage/OldImage as attribute-value maps, …), not a decoded `data` field as for
// Kinesis (SEMANTICS.md). Attribute values stay as the record writes them: an `N` is a string.
import type { DynamoDBStreamRecord } from './dynamodb-record';
import { toLosslessJson, type LosslessJson } from './lossless-json';
import type { FilterDocument, FilterView } from './stream-source';

/** Top-level keys a DynamoDB Streams pattern may use: those of the event record. */
export const DYNAMODB_FILTER_KEYS = [
  'eventID',
  'eventName',
  'eventVersion',
  'eventSource',
  'awsRegion',
  'dynamodb',
  'userIdentity',
  'eventSourceARN',
] as const;

/** The DynamoDB Streams view: the event record itself. */
export const DYNAMODB_FILTER_VIEW: FilterView<DynamoDBStreamRecord> = {
  streamKind: 'DynamoDB Streams',
  rootKeys: DYNAMODB_FILTER_KEYS,
  document(record: DynamoDBStreamRecord): FilterDocument {
    return { fields: toLosslessJson(record.eventRecord) as { [key: string]: LosslessJson } };
  },
};
