// Public API of @streamlens/config: the single schema of per-stack settings.
export {
  ARCHITECTURES,
  BILLING_MODES,
  CONFIG_NAMESPACE,
  LOG_LEVELS,
  LOG_RETENTION_DAYS,
  MAPPING_NAMES,
  ON_FAILURE_TARGETS,
  ON_DEMAND_INITIAL_SHARDS,
  RANGES,
  REGION_KEY,
  REPORT_ACCESS,
  RUNTIMES,
  SECTION_KEYS,
  STARTING_POSITIONS,
  STREAM_ENCRYPTIONS,
  STREAM_MODES,
} from './constants';
export {
  ConfigFileNotFoundError,
  ConfigFileSyntaxError,
  ConfigValidationError,
  FunctionEnvironmentError,
  InvalidStackNameError,
  JsonSyntaxError,
  MAX_LISTED_ISSUES,
  StackConfigError,
} from './errors';
export {
  compileFilterPattern,
  DYNAMODB_STREAMS_FILTER_ROOT_KEYS,
  DYNAMODB_STREAMS_FILTER_RULES,
  KINESIS_FILTER_ROOT_KEYS,
  KINESIS_FILTER_RULES,
  MAX_FILTER_PATTERN_LENGTH,
  MAX_FILTERS,
} from './filters/filter-pattern';
export type { CompiledFilterPattern, FilterPatternResult, FilterPatternRules } from './filters/filter-pattern';
export { FILTER_OPERATORS, MAX_FILTER_PATTERN_DEPTH } from './filters/filter-grammar';
export type { FilterProblem } from './filters/filter-grammar';
export { JsonNumber, parseLosslessJson, stringifyLosslessJson, toLosslessJson } from './filters/lossless-json';
export type { LosslessJson } from './filters/lossless-json';
export {
  AWS_MAPPING_DEFAULTS,
  FUNCTION_RESPONSE_TYPES,
  mappingSettings,
  REPORT_BATCH_ITEM_FAILURES,
} from './mapping-settings';
export type { FilterPatternInput, MappingSettings, StackMappingSettings } from './mapping-settings';
export { checkMappingSettings } from './mapping-checks';
export { EnvironmentReader } from './environment/environment-reader';
export type { EnvironmentProblem, EnvRange, EnvSource } from './environment/environment-reader';
export { functionEnvironment } from './environment/function-environment';
export type { FunctionResources } from './environment/function-environment';
export {
  FUNCTION_APPS,
  FUNCTION_ROLES,
  functionSize,
  HTTP_FUNCTION_MEMORY_MB,
  INGEST_TIMEOUT_MARGIN_SECONDS,
  REPORT_TIMEOUT_SECONDS,
} from './environment/function-roles';
export type { FunctionRole, FunctionSize } from './environment/function-roles';
export {
  readAggregatorVariables,
  readAlertsVariables,
  readConsumerVariables,
  readIngestVariables,
  readReportVariables,
} from './environment/read-variables';
export type {
  AggregatorVariables,
  AlertsVariables,
  ConsumerVariables,
  IngestVariables,
  ReportAuthVariables,
  ReportVariables,
} from './environment/read-variables';
export { ENV, METRICS_NAMESPACE } from './environment/variables';
export { pipelineHealthSettings, readPipelineHealthSettings } from './environment/pipeline-health';
export type { PipelineHealthNames, PipelineHealthSettings } from './environment/pipeline-health';
export type { MappingCheckOptions, MappingProblem } from './mapping-checks';
export { alertsEnvironment } from './alerts-environment';
export type { AlertsEnvironmentInput } from './alerts-environment';
export { parseAlertThresholds } from './sections/alerts';
export { AWS_REGIONS } from './aws-regions';
export { KNOWN_NAMESPACES } from './config-entries';
export { parseConfigEntries, parseStackConfig } from './parse-stack-config';
export { initialShardCount } from './shards';
export { loadStackConfig, readStackConfigFile } from './stack-file';
export type { FunctionEnvironmentProblem } from './errors';
export type {
  AlarmsConfig,
  Architecture,
  ConfigIssue,
  FilterPattern,
  FunctionSizing,
  FunctionsConfig,
  JwtSettings,
  LogLevel,
  LogRetentionDays,
  MappingConfig,
  MappingName,
  NetworkConfig,
  OnFailureTarget,
  OnDemandStreamConfig,
  ParseOptions,
  PayPerRequestBilling,
  ProducerConfig,
  ProducerRateLimit,
  ProvisionedBilling,
  ProvisionedStreamConfig,
  ReportConfig,
  Runtime,
  StackConfig,
  StartingPosition,
  StreamConfig,
  StreamEncryption,
  TablesConfig,
} from './types';
export type {
  AlertBaselineConfig,
  AlertTargetsConfig,
  AlertThresholds,
  AlertWebhookConfig,
  AlertsConfig,
  NewEntrantAlertConfig,
  RisingAlertConfig,
  SentimentSwingAlertConfig,
  StreamMappingConfig,
} from './alerts-types';
