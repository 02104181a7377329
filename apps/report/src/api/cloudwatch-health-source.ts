// Report flow, API: the deployed pipeline-health source — ListMetrics (which quarantine reasons
// exist) and GetMetricData against CloudWatch, folded by cloudwatch-health.ts. The SDK loads on
// the first /api/v1/pipeline request only, so the report's cold start does not pay for it.
import type { CloudWatchClient, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import {
  currentCall,
  countsCall,
  healthFigures,
  queryFailed,
  reasonMetricNames,
  type CallResults,
  type CloudWatchHealthSettings,
  type HealthCall,
  type QuerySeries,
} from './cloudwatch-health';
import { PipelineHealthSourceError, type PipelineHealthFigures, type PipelineHealthSource } from './pipeline-health';

/** The client and the two commands the source sends (the module, loaded lazily). */
export interface CloudWatchApi {
  readonly client: CloudWatchClient;
  readonly sdk: Pick<typeof import('@aws-sdk/client-cloudwatch'), 'GetMetricDataCommand' | 'ListMetricsCommand'>;
}

/** Options of {@link cloudWatchHealthSource}. */
export interface CloudWatchHealthSourceOptions {
  readonly settings: CloudWatchHealthSettings;
  /** Builds the client on first use; default: the SDK's client for the function's region. */
  readonly api?: () => Promise<CloudWatchApi>;
  readonly clock?: () => number;
}

// A misbehaving endpoint must not keep the function paging until its timeout.
const MAX_PAGES = 20;

/** The SDK client with the function's region, credentials and endpoint (AWS_ENDPOINT_URL_CLOUDWATCH). */
export async function defaultCloudWatchApi(): Promise<CloudWatchApi> {
  const sdk = await import('@aws-sdk/client-cloudwatch');
  // Two attempts within the report's 10 s timeout; a page of the dashboard waits at most ~6 s.
  return { client: new sdk.CloudWatchClient({ maxAttempts: 2, requestHandler: { requestTimeout: 3000 } }), sdk };
}

function toQuery(q: HealthCall['queries'][number], periodSeconds: number): MetricDataQuery {
  const m = q.metric;
  return {
    Id: q.id,
    ReturnData: true,
    MetricStat: {
      Metric: {
        Namespace: m.namespace,
        MetricName: m.metricName,
        Dimensions: Object.entries(m.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: periodSeconds,
      Stat: m.stat,
    },
  };
}

async function getMetricData(api: CloudWatchApi, call: HealthCall): Promise<CallResults> {
  const merged = new Map<string, { timestamps: Date[]; values: number[] }>();
  if (call.queries.length === 0) return merged;
  const byId = new Map(call.queries.map((q) => [q.id, q]));
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await api.client.send(
      new api.sdk.GetMetricDataCommand({
        MetricDataQueries: call.queries.map((q) => toQuery(q, call.periodSeconds)),
        StartTime: call.start,
        EndTime: call.end,
        ScanBy: 'TimestampDescending',
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
    );
    for (const r of out.MetricDataResults ?? []) {
      const query = r.Id ? byId.get(r.Id) : undefined;
      if (!query) continue;
      if (r.StatusCode === 'InternalError' || r.StatusCode === 'Forbidden')
        throw queryFailed(query.metric, r.StatusCode);
      const into = merged.get(query.id) ?? { timestamps: [], values: [] };
      into.timestamps.push(...(r.Timestamps ?? []));
      into.values.push(...(r.Values ?? []));
      merged.set(query.id, into);
    }
    nextToken = out.NextToken;
    if (!nextToken) return merged as ReadonlyMap<string, QuerySeries>;
  }
  throw new PipelineHealthSourceError(`CloudWatch GetMetricData still paging after ${MAX_PAGES} pages`);
}

async function listReasonMetrics(api: CloudWatchApi, settings: CloudWatchHealthSettings): Promise<string[]> {
  const { namespace, service } = settings.quarantineMetrics;
  const names: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await api.client.send(
      new api.sdk.ListMetricsCommand({
        Namespace: namespace,
        Dimensions: [{ Name: 'service', Value: service }],
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
    );
    // Only the metrics with exactly the consumer's dimension: the ones GetMetricData will ask for.
    for (const m of out.Metrics ?? [])
      if (m.MetricName && m.Dimensions?.length === 1 && m.Dimensions[0]?.Value === service) names.push(m.MetricName);
    nextToken = out.NextToken;
    if (!nextToken) return reasonMetricNames(names);
  }
  throw new PipelineHealthSourceError(`CloudWatch ListMetrics still paging after ${MAX_PAGES} pages`);
}

// An SDK error's name says what went wrong (AccessDeniedException, TimeoutError) without the
// account details its message may carry; the handler logs the whole error.
function unavailable(err: unknown): Error {
  if (err instanceof PipelineHealthSourceError) return err;
  const name = err instanceof Error ? err.name : 'unknown error';
  return new PipelineHealthSourceError(`CloudWatch did not answer (${name})`);
}

/**
 * Pipeline health read from CloudWatch. Two calls run side by side: the current lag and queue
 * depths, and (after ListMetrics) the day's quarantine and S3 failure-delivery counts.
 *
 * @example
 * ```ts
 * const source = cloudWatchHealthSource({ settings: config.cloudWatchHealth });
 * const figures = await source.read();
 * ```
 */
export function cloudWatchHealthSource(options: CloudWatchHealthSourceOptions): PipelineHealthSource {
  const clock = options.clock ?? Date.now;
  const load = options.api ?? defaultCloudWatchApi;
  let api: Promise<CloudWatchApi> | undefined;
  return {
    name: 'CloudWatch',
    async read(): Promise<PipelineHealthFigures> {
      const now = clock();
      try {
        // A failed load is retried by the next request rather than remembered.
        api ??= load().catch((err: unknown) => {
          api = undefined;
          throw err;
        });
        const cw = await api;
        const [current, [reasonMetrics, counts]] = await Promise.all([
          getMetricData(cw, currentCall(options.settings, now)),
          listReasonMetrics(cw, options.settings).then(
            async (reasons) => [reasons, await getMetricData(cw, countsCall(options.settings, reasons, now))] as const,
          ),
        ]);
        return healthFigures({ settings: options.settings, reasonMetrics, current, counts, now });
      } catch (err) {
        throw unavailable(err);
      }
    },
  };
}
