// Public API of dynalite-streams: DynamoDB Streams for dynalite (stream log, Streams API, the
// plugin installed into dynalite's process) and the pure pieces the tests and the bench use.
export { installDynaliteStreams } from './dynalite-plugin';
export type { DynaliteStreamsOptions } from './dynalite-plugin';
export { BUNDLED_PLUGIN_FILE, dynaliteStreamsPluginModule } from './plugin-module';
export type { PluginModule } from './plugin-module';
export { StreamLog } from './stream-log';
export type { PreparedAppend, RecordPage, StreamLogOptions, StreamToEnable } from './stream-log';
export { handleStreamsOperation, STREAMS_OPERATIONS } from './streams-api';
export { levelBackend } from './store-backend';
export type { KeyRange, LevelLike, StoreBackend, StoreOp } from './store-backend';
export { describeChange, toStreamRecord } from './stream-record';
export type { ItemChange, ItemWrite, RecordPlacement } from './stream-record';
export { itemSizeBytes, numberSizeBytes, sameItem, sameValue } from './attribute-values';
export { parseStreamSpecification, streamArnOf, streamLabelAt } from './stream-specification';
export type { ParsedStreamSpecification } from './stream-specification';
export { decodeShardIterator, encodeShardIterator } from './shard-iterator';
export type { IteratorPosition } from './shard-iterator';
export { formatSequenceNumber, parseSequenceNumber } from './sequence-numbers';
export {
  DEFAULT_SHARD_LIFETIME_MS,
  GET_RECORDS_MAX_BYTES,
  GET_RECORDS_MAX_RECORDS,
  SHARD_ITERATOR_TTL_MS,
  STREAM_RETENTION_MS,
  STREAM_VIEW_TYPES,
  STREAMS_TARGET_PREFIX,
} from './constants';
export {
  ExpiredIteratorError,
  StreamResourceNotFoundError,
  StreamsApiError,
  StreamStoreError,
  StreamsValidationError,
  TrimmedDataAccessError,
  UnknownStreamsOperationError,
} from './errors';
export type {
  AttributeMap,
  AttributeValue,
  KeySchemaElement,
  ShardIteratorType,
  ShardState,
  StreamEventName,
  StreamRecord,
  StreamState,
  StreamStatus,
  StreamViewType,
} from './types';
