// Cold-start configuration of the consumer function, read once from the environment by main.ts.
import { DEFAULT_MAX_RECORD_BYTES } from '@streamlens/schemas';
import { ConsumerConfigError, type ConfigProblem } from './errors';

/** Settings of the consumer function. */
export interface ConsumerConfig {
  /** POSTS_TABLE: physical name of the posts table. */
  readonly postsTable: string;
  /** QUARANTINE_TABLE: physical name of the quarantine table. */
  readonly quarantineTable: string;
  /** TTL_DAYS: days stored posts and quarantined records live (default 30). */
  readonly ttlDays: number;
  /** POWERTOOLS_SERVICE_NAME (default "consumer"). */
  readonly serviceName: string;
  /** POWERTOOLS_METRICS_NAMESPACE (default "StreamLens"). */
  readonly metricsNamespace: string;
  /** MAX_RECORD_BYTES: largest user record accepted (default DEFAULT_MAX_RECORD_BYTES of @streamlens/schemas, 256 KiB: no valid post is larger). */
  readonly maxRecordBytes: number;
}

/** Defaults of the optional variables. */
export const CONSUMER_DEFAULTS = {
  ttlDays: 30,
  serviceName: 'consumer',
  metricsNamespace: 'StreamLens',
  maxRecordBytes: DEFAULT_MAX_RECORD_BYTES,
} as const;

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string, what: string, problems: ConfigProblem[]): string {
  const value = env[name]?.trim();
  if (!value) problems.push({ variable: name, problem: `is required (${what})` });
  return value ?? '';
}

function positiveInt(env: Env, name: string, fallback: number, max: number, problems: ConfigProblem[]): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(n) || n < 1 || n > max) {
    problems.push({ variable: name, problem: `must be an integer from 1 to ${max}, got "${raw}"` });
  }
  return n;
}

/**
 * Reads POSTS_TABLE and QUARANTINE_TABLE (required), TTL_DAYS, POWERTOOLS_SERVICE_NAME,
 * POWERTOOLS_METRICS_NAMESPACE and MAX_RECORD_BYTES (optional, see {@link CONSUMER_DEFAULTS}).
 *
 * @throws ConsumerConfigError naming every missing or malformed variable.
 * @example
 * ```ts
 * const config = readConsumerConfig(process.env);
 * ```
 */
export function readConsumerConfig(env: Env): ConsumerConfig {
  const problems: ConfigProblem[] = [];
  const config: ConsumerConfig = {
    postsTable: required(env, 'POSTS_TABLE', 'name of the DynamoDB posts table', problems),
    quarantineTable: required(env, 'QUARANTINE_TABLE', 'name of the DynamoDB quarantine table', problems),
    ttlDays: positiveInt(env, 'TTL_DAYS', CONSUMER_DEFAULTS.ttlDays, 36_500, problems),
    serviceName: env['POWERTOOLS_SERVICE_NAME']?.trim() || CONSUMER_DEFAULTS.serviceName,
    metricsNamespace: env['POWERTOOLS_METRICS_NAMESPACE']?.trim() || CONSUMER_DEFAULTS.metricsNamespace,
    // 10 MiB: the largest record a stream can be configured for.
    maxRecordBytes: positiveInt(env, 'MAX_RECORD_BYTES', CONSUMER_DEFAULTS.maxRecordBytes, 10 * 1024 * 1024, problems),
  };
  if (problems.length > 0) throw new ConsumerConfigError(problems);
  return config;
}
