// Cold-start configuration of the consumer function, read once from the environment by main.ts:
// the stack's variables through @streamlens/config's reader (the same module builds them), plus
// the consumer's own tuning knob.
import { EnvironmentReader, readConsumerVariables, type ConsumerVariables, type EnvSource } from '@streamlens/config';
import { DEFAULT_MAX_RECORD_BYTES } from '@streamlens/schemas';

/** Settings of the consumer function. */
export interface ConsumerConfig extends ConsumerVariables {
  /** POWERTOOLS_SERVICE_NAME (default "consumer"). */
  readonly serviceName: string;
  /** POWERTOOLS_METRICS_NAMESPACE (default "StreamLens"). */
  readonly metricsNamespace: string;
  /** MAX_RECORD_BYTES: largest user record accepted (default DEFAULT_MAX_RECORD_BYTES of @streamlens/schemas, 256 KiB: no valid post is larger). */
  readonly maxRecordBytes: number;
}

/** Defaults of the optional variables. */
export const CONSUMER_DEFAULTS = {
  serviceName: 'consumer',
  metricsNamespace: 'StreamLens',
  maxRecordBytes: DEFAULT_MAX_RECORD_BYTES,
} as const;

/**
 * Reads POSTS_TABLE, QUARANTINE_TABLE and TTL_DAYS (required: the stack sets them),
 * POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE and MAX_RECORD_BYTES (optional, see
 * {@link CONSUMER_DEFAULTS}).
 *
 * @throws FunctionEnvironmentError naming every missing or malformed variable.
 * @example
 * ```ts
 * const config = readConsumerConfig(process.env);
 * ```
 */
export function readConsumerConfig(source: EnvSource): ConsumerConfig {
  const env = new EnvironmentReader(source);
  const config: ConsumerConfig = {
    ...readConsumerVariables(env),
    serviceName: env.optional('POWERTOOLS_SERVICE_NAME') ?? CONSUMER_DEFAULTS.serviceName,
    metricsNamespace: env.optional('POWERTOOLS_METRICS_NAMESPACE') ?? CONSUMER_DEFAULTS.metricsNamespace,
    // 10 MiB: the largest record a stream can be configured for.
    maxRecordBytes: env.integer(
      'MAX_RECORD_BYTES',
      { min: 1, max: 10 * 1024 * 1024 },
      'largest user record accepted',
      CONSUMER_DEFAULTS.maxRecordBytes,
    ),
  };
  env.done();
  return config;
}
