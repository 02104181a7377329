// The report's pipeline-health source in AWS: which functions, queues and mappings CloudWatch
// measures under which names, as one JSON variable (PIPELINE_HEALTH_CLOUDWATCH). Infra fills it
// with the deployed names; locally the stack serves the figures itself (PIPELINE_HEALTH_URL), so
// the local plan drops it (LOCAL_ENVIRONMENT_OVERRIDES).
import type { EnvironmentReader } from './environment-reader';
import { ENV, METRICS_NAMESPACE } from './variables';

/** What CloudWatch measures, by role ("consumer", "aggregator", "alerts"). */
export interface PipelineHealthNames<T> {
  /** Role → stream-reading function name (Lambda IteratorAge is its lag). */
  readonly functions: Readonly<Record<string, T>>;
  /** Role → name of its mapping's SQS on-failure queue. */
  readonly failureQueues: Readonly<Record<string, T>>;
  /** Role → UUID of its mapping whose on-failure target is an S3 bucket. */
  readonly failureMappings: Readonly<Record<string, T>>;
}

/** The names plus where the consumer publishes its quarantine metrics (Powertools EMF). */
export interface PipelineHealthSettings<T = string> extends PipelineHealthNames<T> {
  /** The consumer's POWERTOOLS_METRICS_NAMESPACE and POWERTOOLS_SERVICE_NAME (its `service` dimension). */
  readonly quarantineMetrics: { readonly namespace: string; readonly service: string };
}

/**
 * The settings the report reads: the names, and the consumer's metrics namespace and service
 * name as functionEnvironment sets them for the consumer. Infra serialises the result (its values
 * are Pulumi outputs) into PIPELINE_HEALTH_CLOUDWATCH.
 *
 * @example
 * ```ts
 * pipelineHealthSettings({ functions: { consumer: 'fn' }, failureQueues: {}, failureMappings: {} })
 *   .quarantineMetrics; // { namespace: 'StreamLens', service: 'consumer' }
 * ```
 */
export function pipelineHealthSettings<T>(names: PipelineHealthNames<T>): PipelineHealthSettings<T> {
  return { ...names, quarantineMetrics: { namespace: METRICS_NAMESPACE, service: 'consumer' } };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function names(value: unknown, key: string, fail: (problem: string) => void): Record<string, string> {
  if (!isRecord(value)) {
    fail(`must hold "${key}" as an object of role → name`);
    return {};
  }
  const out: Record<string, string> = {};
  for (const [role, name] of Object.entries(value)) {
    if (typeof name === 'string' && name.trim() !== '') out[role] = name.trim();
    else fail(`"${key}.${role}" must be a non-empty string`);
  }
  return out;
}

/**
 * Reads PIPELINE_HEALTH_CLOUDWATCH (optional: absent, the report has no CloudWatch source).
 *
 * @example
 * ```ts
 * const settings = readPipelineHealthSettings(new EnvironmentReader(process.env));
 * ```
 */
export function readPipelineHealthSettings(env: EnvironmentReader): PipelineHealthSettings | undefined {
  const raw = env.optional(ENV.pipelineHealthCloudWatch);
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    env.fail(ENV.pipelineHealthCloudWatch, `is not JSON: ${(error as Error).message}`);
    return undefined;
  }
  let ok = true;
  const fail = (problem: string) => ((ok = false), env.fail(ENV.pipelineHealthCloudWatch, problem));
  if (!isRecord(parsed)) {
    fail('must be a JSON object');
    return undefined;
  }
  const metrics = isRecord(parsed['quarantineMetrics']) ? parsed['quarantineMetrics'] : {};
  const text = (key: 'namespace' | 'service') => {
    const v = metrics[key];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    fail(`"quarantineMetrics.${key}" must be a non-empty string`);
    return '';
  };
  const settings: PipelineHealthSettings = {
    functions: names(parsed['functions'], 'functions', fail),
    failureQueues: names(parsed['failureQueues'], 'failureQueues', fail),
    failureMappings: names(parsed['failureMappings'], 'failureMappings', fail),
    quarantineMetrics: { namespace: text('namespace'), service: text('service') },
  };
  if (ok && Object.keys(settings.functions).length === 0) fail('names no function ("functions" is empty)');
  return ok ? settings : undefined;
}
