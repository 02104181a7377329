// Public API of @streamlens/config: the single schema of per-stack settings.
export {
  ARCHITECTURES,
  BILLING_MODES,
  CONFIG_NAMESPACE,
  LOG_LEVELS,
  LOG_RETENTION_DAYS,
  MAPPING_NAMES,
  MAX_FILTERS,
  ON_FAILURE_TARGETS,
  ON_DEMAND_INITIAL_SHARDS,
  RANGES,
  REGION_KEY,
  REPORT_ACCESS,
  RUNTIMES,
  STARTING_POSITIONS,
  STREAM_ENCRYPTIONS,
  STREAM_MODES,
} from './constants';
export {
  ConfigFileNotFoundError,
  ConfigFileSyntaxError,
  ConfigValidationError,
  InvalidStackNameError,
  StackConfigError,
} from './errors';
export { mappingSettings } from './mapping-settings';
export { alertsEnvironment } from './alerts-environment';
export type { AlertsEnvironmentInput } from './alerts-environment';
export { parseAlertThresholds } from './sections/alerts';
export { SECTION_KEYS, parseStackConfig } from './parse-stack-config';
export { initialShardCount } from './shards';
export { loadStackConfig, readStackConfigFile } from './stack-file';
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
  MappingSettings,
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
