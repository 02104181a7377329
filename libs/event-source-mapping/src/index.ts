// Public API of the local Lambda event-source mapping (Kinesis poller, checkpoints, bisect, retries, filters, windows, sandboxes).
export { EventSourceMapping } from './event-source-mapping';
export type { EventSourceMappingOptions, EventSourceMappingTuning } from './event-source-mapping';
export { DEFAULT_MAPPING_SETTINGS, STARTING_POSITIONS, validateMappingSettings } from './settings';
export type { MappingSettings, StartingPosition } from './settings';
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
export { compileRecordFilter, KINESIS_FILTER_KEYS } from './record-filter';
export type { FilterableRecord, RecordFilter } from './record-filter';
export { compareSequenceNumbers } from './sequence';
export { ShardReadLimits } from './shard-read-limits';
export type { ReadGate, ShardReadLimitsOptions } from './shard-read-limits';
export { createJsonLogger, silentLogger } from './logger';
export {
  FAILURE_CONDITIONS,
  INVOKE_ERROR_TYPES,
  MAX_INVOKE_PAYLOAD_BYTES,
  MAX_WINDOW_STATE_BYTES,
  READ_BYTES_PER_SECOND,
  REPORT_BATCH_ITEM_FAILURES,
  SHARD_ITERATOR_TTL_MS,
} from './constants';
export type { FailureCondition } from './constants';
export {
  EsmError,
  EsmStoreError,
  FilterPatternError,
  InvokerError,
  JsonSyntaxError,
  MappingSettingsError,
  MappingStateError,
} from './errors';
export { SHARD_STATUSES } from './types';
export type {
  CheckpointStore,
  Clock,
  FailureDestination,
  FunctionInvoker,
  InvokeFailure,
  InvokeOptions,
  InvokeResult,
  InvokeSuccess,
  KinesisEvent,
  KinesisEventRecord,
  KinesisFailureRecord,
  KinesisWindowEvent,
  Logger,
  MappingStats,
  RecordRange,
  ShardCheckpoint,
  ShardStats,
  ShardStatus,
  WindowCheckpoint,
} from './types';
export { judgeResponse } from './batch-response';
export { kinesisEvent } from './event-shape';
export { fromSdkRecord } from './stream-record';
export type { EventRecordContext, StreamRecord } from './stream-record';
export { readJsonFile, writeJsonFileAtomic } from './atomic-json-file';
export { buildFailureRecord } from './failure-record';
