// What DynamoDB Streams filter patterns see of a record: the whole event record (eventName,
// dynamodb.Keys/NewImage/OldImage as attribute-value maps, …), not a decoded `data` field as for
// Kinesis (SEMANTICS.md). Attribute values stay as the record writes them: an `N` is a string.
// The keys are @streamlens/config's, so config validation and the local mapping agree.
import { DYNAMODB_STREAMS_FILTER_ROOT_KEYS, toLosslessJson, type LosslessJson } from '@streamlens/config';
import type { DynamoDBStreamRecord } from './dynamodb-record';
import type { FilterDocument, FilterView } from './stream-source';

/** The DynamoDB Streams view: the event record itself. */
export const DYNAMODB_FILTER_VIEW: FilterView<DynamoDBStreamRecord> = {
  streamKind: 'DynamoDB Streams',
  rootKeys: DYNAMODB_STREAMS_FILTER_ROOT_KEYS,
  document(record: DynamoDBStreamRecord): FilterDocument {
    return { fields: toLosslessJson(record.eventRecord) as { [key: string]: LosslessJson } };
  },
};
