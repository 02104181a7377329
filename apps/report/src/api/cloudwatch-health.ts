// Report flow, API: pipeline health in AWS — what CloudWatch holds (Lambda IteratorAge per
// function, the consumer's Powertools EMF quarantine counts, the on-failure queues' depth, the
// failure records Lambda delivered to S3) as the figures the local stack's health server gives.
// Pure: the GetMetricData queries and the folding of their results; the calls are in
// cloudwatch-health-source.ts.
import type { PipelineHealthSettings } from '@streamlens/config';
import type { FunctionLag, PipelineHealthFigures } from './pipeline-health';
import { PipelineHealthSourceError } from './pipeline-health';

/** What the deployment measures and under which names (PIPELINE_HEALTH_CLOUDWATCH says). */
export type CloudWatchHealthSettings = PipelineHealthSettings;

/** One CloudWatch metric, as GetMetricData's MetricStat names it. */
export interface MetricSpec {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: 'Maximum' | 'Sum';
}

/** A query of one call: its id (GetMetricData's rules: a lowercase letter, then [a-zA-Z0-9_]). */
export interface HealthQuery {
  readonly id: string;
  readonly metric: MetricSpec;
}

/** One GetMetricData call: a time range, a period and its queries. */
export interface HealthCall {
  readonly start: Date;
  readonly end: Date;
  readonly periodSeconds: number;
  readonly queries: readonly HealthQuery[];
}

/** The datapoints CloudWatch answered for one query id (pages merged). */
export interface QuerySeries {
  readonly timestamps: readonly Date[];
  readonly values: readonly number[];
}

/** Answers of a call by query id. */
export type CallResults = ReadonlyMap<string, QuerySeries>;

/** The metric name of all quarantined records; per reason `Quarantined.<reason>` (consumer constants). */
export const QUARANTINED_METRIC = 'Quarantined';

/** How the figures are windowed. */
export const HEALTH_WINDOWS = {
  /** Lag and queue depth: the newest minute datapoint of the last 15 minutes. */
  currentMs: 15 * 60_000,
  currentPeriodSeconds: 60,
  /** Quarantined records and S3 failure deliveries: summed over a day of whole hours. */
  countHours: 24,
  countPeriodSeconds: 3600,
} as const;

const MINUTE = 60_000;
const HOUR = 3_600_000;

const lambda = (metricName: string, dimension: string, value: string, stat: MetricSpec['stat']): MetricSpec => ({
  namespace: 'AWS/Lambda',
  metricName,
  dimensions: { [dimension]: value },
  stat,
});

/**
 * The "now" call: IteratorAge (Maximum) per function and ApproximateNumberOfMessagesVisible
 * (Maximum) per on-failure queue, per minute over the last 15 minutes.
 *
 * @example
 * ```ts
 * currentCall(settings, Date.now()).queries[0].id; // 'lag0'
 * ```
 */
export function currentCall(settings: CloudWatchHealthSettings, now: number): HealthCall {
  const end = Math.floor(now / MINUTE) * MINUTE + MINUTE;
  return {
    start: new Date(end - HEALTH_WINDOWS.currentMs),
    end: new Date(end),
    periodSeconds: HEALTH_WINDOWS.currentPeriodSeconds,
    queries: [
      ...Object.values(settings.functions).map((fn, i) => ({
        id: `lag${i}`,
        metric: lambda('IteratorAge', 'FunctionName', fn, 'Maximum'),
      })),
      ...Object.values(settings.failureQueues).map((queue, i) => ({
        id: `dlq${i}`,
        metric: {
          namespace: 'AWS/SQS',
          metricName: 'ApproximateNumberOfMessagesVisible',
          dimensions: { QueueName: queue },
          stat: 'Maximum' as const,
        },
      })),
    ],
  };
}

/** Start of the counting window: whole hours, so CloudWatch's hourly sums line up with it. */
export function countedSince(now: number): Date {
  return new Date(Math.floor(now / HOUR) * HOUR - (HEALTH_WINDOWS.countHours - 1) * HOUR);
}

/**
 * The "counts" call: the consumer's quarantine metrics (the total and each `Quarantined.<reason>`
 * metric that exists, as ListMetrics found them) and OnFailureDestinationDeliveredEventCount per
 * S3-target mapping, summed per hour over the counting window.
 *
 * @param reasonMetrics metric names `Quarantined.<reason>` that exist in the namespace
 * @example
 * ```ts
 * countsCall(settings, ['Quarantined.not-json'], Date.now()).queries.map((q) => q.id); // ['qall', 'q0']
 * ```
 */
export function countsCall(
  settings: CloudWatchHealthSettings,
  reasonMetrics: readonly string[],
  now: number,
): HealthCall {
  const { namespace, service } = settings.quarantineMetrics;
  const emf = (metricName: string): MetricSpec => ({ namespace, metricName, dimensions: { service }, stat: 'Sum' });
  return {
    start: countedSince(now),
    end: new Date(Math.floor(now / MINUTE) * MINUTE + MINUTE),
    periodSeconds: HEALTH_WINDOWS.countPeriodSeconds,
    queries: [
      { id: 'qall', metric: emf(QUARANTINED_METRIC) },
      ...reasonMetrics.map((name, i) => ({ id: `q${i}`, metric: emf(name) })),
      ...Object.values(settings.failureMappings).map((uuid, i) => ({
        id: `s3${i}`,
        metric: lambda('OnFailureDestinationDeliveredEventCount', 'EventSourceMappingUUID', uuid, 'Sum'),
      })),
    ],
  };
}

/** The per-reason metric names among ListMetrics' answer (`Quarantined.<reason>`, non-empty reason). */
export function reasonMetricNames(metricNames: Iterable<string>): string[] {
  const prefix = `${QUARANTINED_METRIC}.`;
  return [...new Set([...metricNames].filter((n) => n.startsWith(prefix) && n.length > prefix.length))].sort();
}

function series(results: CallResults, id: string): QuerySeries {
  return results.get(id) ?? { timestamps: [], values: [] };
}

function newest(s: QuerySeries, notBefore: number): number | null {
  let at = -Infinity;
  let value: number | null = null;
  s.timestamps.forEach((t, i) => {
    const v = s.values[i];
    if (v !== undefined && t.getTime() >= notBefore && t.getTime() > at) [at, value] = [t.getTime(), v];
  });
  return value;
}

const sum = (s: QuerySeries): number => Math.round(s.values.reduce((a, b) => a + b, 0));

/**
 * Folds both calls' answers into the figures the panel reads. A function without an IteratorAge
 * datapoint in the last 15 minutes had no batch then: its lag is null. A queue without a datapoint
 * is empty (SQS stops publishing for an empty queue nobody touched for six hours).
 *
 * @example
 * ```ts
 * const figures = healthFigures({ settings, reasonMetrics, current, counts, now: Date.now() });
 * ```
 */
export function healthFigures(input: {
  readonly settings: CloudWatchHealthSettings;
  readonly reasonMetrics: readonly string[];
  readonly current: CallResults;
  readonly counts: CallResults;
  readonly now: number;
}): PipelineHealthFigures {
  const { settings, current, counts, now } = input;
  const functions: FunctionLag[] = Object.keys(settings.functions).map((name, i) => {
    const lag = newest(series(current, `lag${i}`), now - HEALTH_WINDOWS.currentMs);
    return { name, lagMs: lag === null ? null : Math.max(0, Math.round(lag)) };
  });
  const byReason: Record<string, number> = {};
  input.reasonMetrics.forEach((name, i) => {
    const n = sum(series(counts, `q${i}`));
    if (n > 0) byReason[name.slice(QUARANTINED_METRIC.length + 1)] = n;
  });
  const onFailure: Record<string, number> = {};
  Object.keys(settings.failureQueues).forEach((role, i) => {
    onFailure[role] = Math.round(newest(series(current, `dlq${i}`), -Infinity) ?? 0);
  });
  Object.keys(settings.failureMappings).forEach((role, i) => {
    onFailure[role] = (onFailure[role] ?? 0) + sum(series(counts, `s3${i}`));
  });
  return {
    measuredAt: new Date(now).toISOString(),
    countedSince: countedSince(now).toISOString(),
    functions,
    quarantine: { total: sum(series(counts, 'qall')), byReason },
    onFailure,
  };
}

/** CloudWatch answered a query with an error status instead of datapoints. */
export function queryFailed(metric: MetricSpec, status: string): PipelineHealthSourceError {
  const dims = Object.entries(metric.dimensions)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return new PipelineHealthSourceError(
    `CloudWatch answered ${status} for ${metric.namespace} ${metric.metricName} (${dims})`,
  );
}
