// Public API of the local Lambda event-source mapping (stream sources, shard pollers, checkpoints,
// bisect, retries, filters, windows, sandboxes).
export { EventSourceMapping } from './event-source-mapping';
export type { EventSourceMappingOptions, EventSourceMappingTuning } from './event-source-mapping';
export type {
  FilterDocument,
  FilterView,
  ShardReadContext,
  ShardRecordReader,
  SourceLimits,
  SourcePage,
  StartPosition,
  StreamSource,
} from './stream-source';
export type { ShardLink } from './shard-topology';
export { KinesisStreamSource } from './kinesis-source';
export type { KinesisStreamSourceOptions } from './kinesis-source';
export { KinesisShardReader } from './kinesis-shard-reader';
export type { KinesisShardReaderOptions } from './kinesis-shard-reader';
export {
  DYNAMODB_STARTING_POSITIONS,
  DYNAMODB_STREAMS_MAX_RECORDS_PER_READ,
  DYNAMODB_STREAMS_READS_PER_SECOND,
  DynamoDBStreamSource,
} from './dynamodb-source';
export type { DynamoDBStreamSourceOptions } from './dynamodb-source';
export { DynamoDBShardReader } from './dynamodb-shard-reader';
export type { DynamoDBShardReaderOptions } from './dynamodb-shard-reader';
export { fromStreamsRecord, toEventAttributeMap, toEventAttributeValue } from './dynamodb-record';
export type {
  DynamoDBEventRecord,
  DynamoDBStreamRecord,
  EventAttributeMap,
  EventAttributeValue,
} from './dynamodb-record';
export { DYNAMODB_FILTER_VIEW } from './dynamodb-filter-view';
export { DEFAULT_MAPPING_SETTINGS, validateMappingSettings } from './settings';
export type { MappingSettings } from './settings';
export { ChildProcessInvoker } from './child-process-invoker';
export type { ChildProcessInvokerOptions, SandboxPoolStats } from './child-process-invoker';
export { InProcessInvoker } from './in-process-invoker';
export { lambdaNodeFor, nodePackageName } from './lambda-node';
export type { LambdaNode, LambdaNodeSources } from './lambda-node';
export { FailingInvoker, INJECTED_ERROR_TYPE } from './failing-invoker';
export type { FailingInvokerOptions, InjectedFailureKind } from './failing-invoker';
export type { InProcessHandler } from './in-process-invoker';
export type { LambdaContext } from './lambda-context';
export { InMemoryCheckpointStore, JsonFileCheckpointStore } from './checkpoint-store';
export { InMemoryFailureDestination, JsonFileFailureDestination } from './failure-destination';
export { S3FailureDestination } from './s3-failure-destination';
export type { S3FailureDestinationOptions } from './s3-failure-destination';
export { compileRecordFilter } from './record-filter';
export type { RecordFilter } from './record-filter';
export { KINESIS_FILTER_VIEW } from './kinesis-filter-view';
export type { FilterableRecord } from './kinesis-filter-view';
export { ShardReadLimits } from './shard-read-limits';
export type { ReadGate, ShardReadLimitsOptions } from './shard-read-limits';
export { createJsonLogger, silentLogger } from './logger';
export {
  FAILURE_CONDITIONS,
  INVOKE_ERROR_TYPES,
  MAX_INVOKE_PAYLOAD_BYTES,
  MAX_WINDOW_STATE_BYTES,
  READ_BYTES_PER_SECOND,
  SHARD_ITERATOR_TTL_MS,
} from './constants';
export type { FailureCondition } from './constants';
export {
  EsmError,
  EsmStoreError,
  FilterPatternError,
  InvokerError,
  MappingSettingsError,
  MappingStateError,
} from './errors';
export { BATCH_INFO_KEYS, SHARD_STATUSES } from './types';
export type {
  BatchEvent,
  BatchInfo,
  BatchInfoKey,
  CheckpointStore,
  Clock,
  DynamoDBStreamFailureRecord,
  FailedInvocation,
  FailureDestination,
  FailureRecord,
  FailureRecordBase,
  FunctionInvoker,
  InvokeFailure,
  InvokeOptions,
  InvokeResult,
  InvokeSuccess,
  KinesisEvent,
  KinesisEventRecord,
  KinesisFailureRecord,
  StoredFailureRecord,
  KinesisWindowEvent,
  Logger,
  MappingStats,
  RecordRange,
  ShardCheckpoint,
  ShardStats,
  ShardStatus,
  WindowCheckpoint,
  WindowEvent,
} from './types';
export { judgeResponse } from './batch-response';
export { batchEvent, kinesisEvent, windowEvent } from './event-shape';
export type { WindowInvoke } from './event-shape';
export { fromSdkRecord, toEventRecord } from './kinesis-record';
export type { KinesisStreamRecord } from './kinesis-record';
export type { EventRecordContext, StreamRecord } from './stream-record';
export { readJsonFile, writeJsonFileAtomic } from './atomic-json-file';
export { buildFailureRecord } from './failure-record';
export type { FailureFacts } from './failure-record';
