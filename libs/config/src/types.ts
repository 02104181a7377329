// The resolved shape of one stack's settings: what infra and the local stack consume after
// parseStackConfig has validated the raw Pulumi config and filled every default.
import type { AlertsConfig } from './alerts-types';
import type { MappingSettings } from './mapping-settings';
import type {
  ARCHITECTURES,
  LOG_LEVELS,
  LOG_RETENTION_DAYS,
  MAPPING_NAMES,
  ON_FAILURE_TARGETS,
  RUNTIMES,
  STARTING_POSITIONS,
  STREAM_ENCRYPTIONS,
} from './constants';

/** Kind of on-failure destination: `sqs` or `s3`. */
export type OnFailureTarget = (typeof ON_FAILURE_TARGETS)[number];
/** Kinesis starting position of an event-source mapping. */
export type StartingPosition = (typeof STARTING_POSITIONS)[number];
/** Stream server-side encryption choice. */
export type StreamEncryption = (typeof STREAM_ENCRYPTIONS)[number];
/** Lambda runtime identifier. */
export type Runtime = (typeof RUNTIMES)[number];
/** Lambda architecture. */
export type Architecture = (typeof ARCHITECTURES)[number];
/** Function log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];
/** A retention CloudWatch Logs accepts. */
export type LogRetentionDays = (typeof LOG_RETENTION_DAYS)[number];
/** Name of an event-source mapping: `consumer` or `aggregator`. */
export type MappingName = (typeof MAPPING_NAMES)[number];

/**
 * A valid Lambda filter pattern as compact JSON text, numbers exactly as written: the string infra
 * deploys as `FilterCriteria.Filters[].Pattern` and the local mapping compiles.
 */
export type FilterPattern = string;

interface StreamCommon {
  /** 24–8760. */
  readonly retentionHours: number;
  readonly encryption: StreamEncryption;
  /** KMS key or alias ARN; present only when `encryption` is `customer-key`. */
  readonly kmsKeyArn?: string;
}

/** A provisioned stream: a fixed shard count. */
export interface ProvisionedStreamConfig extends StreamCommon {
  readonly mode: 'provisioned';
  /** 1–500. */
  readonly shardCount: number;
}

/** An on-demand stream: AWS scales shards itself. */
export interface OnDemandStreamConfig extends StreamCommon {
  readonly mode: 'on-demand';
}

/** `streamlens:stream`. Discriminated on `mode`. */
export type StreamConfig = ProvisionedStreamConfig | OnDemandStreamConfig;

/** Per-shard producer rate limit, at most Kinesis's per-shard write limits. */
export interface ProducerRateLimit {
  /** 1–1000, default 1000. */
  readonly recordsPerSecondPerShard: number;
  /** 1–1048576, default 1048576 (1 MiB/s). */
  readonly bytesPerSecondPerShard: number;
}

/** `streamlens:producer`. */
export interface ProducerConfig {
  /** KPL aggregation; forces parallelizationFactor 1 and forbids data filters. Default true. */
  readonly aggregation: boolean;
  /** 1–60000, default 100 (KPL default). */
  readonly maxBufferedTimeMs: number;
  /** 100–600000, default 30000 (KPL default). */
  readonly recordTtlMs: number;
  readonly rateLimit: ProducerRateLimit;
}

/** Memory and timeout of one function. */
export interface FunctionSizing {
  /** 128–10240, default 512. */
  readonly memoryMb: number;
  /** 1–900, default 60. */
  readonly timeoutSeconds: number;
}

/**
 * `streamlens:consumer` / `streamlens:aggregator`: one event-source mapping (the mapping-settings
 * model, filters as their deployed text; the response type is always set, see mappingSettings)
 * and its function.
 */
export interface MappingConfig extends Omit<MappingSettings, 'functionResponseTypes' | 'filters'> {
  readonly onFailureDestination: boolean;
  /** `sqs` (default) or `s3`, when onFailureDestination is true. */
  readonly onFailureTarget: OnFailureTarget;
  /**
   * Read through an enhanced fan-out consumer of its own (2 MiB/s per shard pushed to it alone)
   * instead of sharing the shard's 5 GetRecords/s and 2 MiB/s with the other mappings. Default
   * false (it is billed per consumer-shard hour and per GB read).
   */
  readonly enhancedFanOut: boolean;
  readonly filters: readonly FilterPattern[];
  /** Explicit opt-in to AWS's infinite retries / record age (-1). Default false. */
  readonly allowUnbounded: boolean;
  readonly function: FunctionSizing;
}

/** `streamlens:functions`: settings shared by every function. */
export interface FunctionsConfig {
  readonly runtime: Runtime;
  readonly architecture: Architecture;
  readonly logRetentionDays: LogRetentionDays;
  readonly logLevel: LogLevel;
  /**
   * Reserved concurrency of the functions reached over HTTP (1–1000, or -1 for none): a flood is
   * throttled there instead of starving the stream consumers. Defaults report 10, ingest 50.
   */
  readonly reservedConcurrency: { readonly report: number; readonly ingest: number };
}

/** On-demand table billing. */
export interface PayPerRequestBilling {
  readonly billingMode: 'PAY_PER_REQUEST';
}

/** Provisioned table billing with its capacity units. */
export interface ProvisionedBilling {
  readonly billingMode: 'PROVISIONED';
  readonly readCapacity: number;
  readonly writeCapacity: number;
}

/** `streamlens:tables`. Discriminated on `billingMode`. */
export type TablesConfig = (PayPerRequestBilling | ProvisionedBilling) & {
  /** 1–3650, default 30. */
  readonly ttlDays: number;
  /** Default true. */
  readonly pointInTimeRecovery: boolean;
  /** Default true. */
  readonly deletionProtection: boolean;
};

/** JWT authorizer settings of the report API. */
export interface JwtSettings {
  /** https URL of the identity provider. */
  readonly issuer: string;
  /** Accepted audiences (a single string in YAML becomes a one-element list). */
  readonly audience: readonly string[];
  /**
   * OAuth scopes the API's data routes require (any one of them), e.g. `streamlens/report.read`;
   * the dashboard asks for them at sign-in. At least one.
   */
  readonly scopes: readonly string[];
}

/** `streamlens:report`. Discriminated on `access`. */
export type ReportConfig =
  { readonly access: 'iam' } | { readonly access: 'jwt'; readonly jwt: JwtSettings } | { readonly access: 'public' };

/** `streamlens:alarms`: thresholds of the CloudWatch alarms. */
export interface AlarmsConfig {
  /** Notification address of at most 254 characters; '' means no subscription. */
  readonly email: string;
  /**
   * (0, 0.99], default 0.5: alarm when the stream's GetRecords iterator age passes this share of
   * the age at which records are lost — the shortest of the retention and every mapping's
   * maximum record age (the name predates that: a share of the retention alone could be an age
   * the mappings never let a record reach).
   */
  readonly iteratorAgeFractionOfRetention: number;
  /** > 0, default 60000. */
  readonly lambdaIteratorAgeMs: number;
  /** ≥ 1, default 1. */
  readonly functionErrors: number;
  /** ≥ 0, default 0. */
  readonly dlqDepth: number;
  /** ≥ 1, default 100. */
  readonly quarantinedPerMinute: number;
}

/** `streamlens:network`. */
export interface NetworkConfig {
  /** Default false. */
  readonly vpc: boolean;
}

/**
 * One stack's settings, fully resolved: every optional key holds its default, so consumers
 * never re-apply defaults. Deeply frozen.
 */
export interface StackConfig {
  /** `aws:region`, or undefined when the caller did not give one (the provider decides). */
  readonly region: string | undefined;
  readonly stream: StreamConfig;
  readonly producer: ProducerConfig;
  readonly consumer: MappingConfig;
  readonly aggregator: MappingConfig;
  readonly functions: FunctionsConfig;
  readonly tables: TablesConfig;
  readonly report: ReportConfig;
  readonly alarms: AlarmsConfig;
  readonly network: NetworkConfig;
  /** Tags for every taggable resource (at most 40; keys `aws:*` and `streamlens:*` reserved). */
  readonly tags: Readonly<Record<string, string>>;
  readonly alerts: AlertsConfig;
}

/** One validation problem. */
export interface ConfigIssue {
  /**
   * Full key, e.g. `streamlens:consumer.maximumRecordAgeInSeconds` or `aws:region`, with any
   * character outside printable ASCII escaped (`batch\u200bSize`) so it can be seen.
   */
  readonly key: string;
  /** The offending value as given (undefined when missing). */
  readonly value: unknown;
  /** Problem, value and allowed range: `<problem> (got <value>; allowed <range>)`. */
  readonly message: string;
}

/** Options of parseStackConfig. */
export interface ParseOptions {
  /** Stack name, quoted in error messages. */
  readonly stack?: string;
  /** File the values came from, quoted in error messages. */
  readonly source?: string;
  /** Clock for the "not in the future" rule of AT_TIMESTAMP; defaults to Date.now. */
  readonly nowMs?: () => number;
}
