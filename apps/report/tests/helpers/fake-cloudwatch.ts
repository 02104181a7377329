// A CloudWatch endpoint on loopback speaking the service's protocol (AWS JSON 1.0, target
// GraniteServiceVersion20100801.<Operation>, epoch-second timestamps) for the two operations the
// report sends: ListMetrics and GetMetricData over datapoints a test puts in. It checks the inputs
// the way the service does (query ids, periods, ranges, ≤ 500 queries) and pages its answers.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One stored datapoint of a metric. */
export interface Datapoint {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** Epoch ms. */
  readonly at: number;
  readonly value: number;
}

/** A running fake. */
export interface FakeCloudWatch {
  readonly endpoint: string;
  /** Every request: operation and parsed body. */
  readonly requests: { operation: string; body: Record<string, unknown> }[];
  put(...points: Datapoint[]): void;
  /** Answer every query of GetMetricData with this status instead of data (Forbidden, InternalError). */
  failQueries(status: string | undefined): void;
  close(): Promise<void>;
}

/** Options: how many datapoints (GetMetricData) or metrics (ListMetrics) a page holds. */
export interface FakeCloudWatchOptions {
  readonly pageSize?: number;
}

const TARGET_PREFIX = 'GraniteServiceVersion20100801.';
const ID = /^[a-z][a-zA-Z0-9_]*$/;

class InvalidParameter extends Error {}

type Json = Record<string, unknown>;
interface Dim {
  Name: string;
  Value: string;
}
interface Query {
  Id: string;
  MetricStat: { Metric: { Namespace: string; MetricName: string; Dimensions?: Dim[] }; Period: number; Stat: string };
}

const sameDims = (a: Readonly<Record<string, string>>, b: Dim[] = []) =>
  Object.keys(a).length === b.length && b.every((d) => a[d.Name] === d.Value);

function statOf(stat: string, values: number[]): number {
  if (stat === 'Sum') return values.reduce((x, y) => x + y, 0);
  if (stat === 'Maximum') return Math.max(...values);
  if (stat === 'Minimum') return Math.min(...values);
  if (stat === 'Average') return values.reduce((x, y) => x + y, 0) / values.length;
  if (stat === 'SampleCount') return values.length;
  throw new InvalidParameter(`The statistic ${stat} is not supported by this fake`);
}

// CloudWatch rounds start and end down to the minute for periods of a minute or more, and
// buckets datapoints into periods counted from the start.
function series(points: Datapoint[], q: Query, start: number, end: number) {
  const ms = q.MetricStat.Metric;
  const period = q.MetricStat.Period * 1000;
  const buckets = new Map<number, number[]>();
  for (const p of points) {
    if (p.namespace !== ms.Namespace || p.metricName !== ms.MetricName || !sameDims(p.dimensions, ms.Dimensions))
      continue;
    if (p.at < start || p.at >= end) continue;
    const bucket = start + Math.floor((p.at - start) / period) * period;
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), p.value]);
  }
  return [...buckets.entries()].map(([t, vs]) => ({ t, v: statOf(q.MetricStat.Stat, vs) }));
}

function checkQueries(body: Json): Query[] {
  // Unchecked until the loop below has seen every query's MetricStat.
  const queries = body['MetricDataQueries'] as Partial<Query>[] | undefined;
  if (!Array.isArray(queries) || queries.length === 0) throw new InvalidParameter('MetricDataQueries is required');
  if (queries.length > 500)
    throw new InvalidParameter('The collection MetricDataQueries must not have a size greater than 500.');
  const ids = new Set<string>();
  for (const q of queries) {
    if (typeof q.Id !== 'string' || !ID.test(q.Id)) throw new InvalidParameter(`Invalid metric data query id: ${q.Id}`);
    if (ids.has(q.Id)) throw new InvalidParameter(`The value ${q.Id} for field Id must be unique.`);
    ids.add(q.Id);
    const period = q.MetricStat?.Period ?? 0;
    if (!q.MetricStat || period < 60 || period % 60 !== 0)
      throw new InvalidParameter(`The parameter MetricStat.Period must be a multiple of 60 (query ${q.Id})`);
  }
  return queries as Query[];
}

/** Starts the fake on a free loopback port. */
export async function startFakeCloudWatch(options: FakeCloudWatchOptions = {}): Promise<FakeCloudWatch> {
  const pageSize = options.pageSize ?? 100_800;
  const points: Datapoint[] = [];
  const requests: FakeCloudWatch['requests'] = [];
  let failStatus: string | undefined;

  const getMetricData = (body: Json): Json => {
    const queries = checkQueries(body);
    const minute = 60_000;
    const start = Math.floor((Number(body['StartTime']) * 1000) / minute) * minute;
    const end = Math.floor((Number(body['EndTime']) * 1000) / minute) * minute;
    if (!(start < end)) throw new InvalidParameter('The parameter StartTime must be less than the parameter EndTime.');
    const descending = (body['ScanBy'] ?? 'TimestampDescending') === 'TimestampDescending';
    // Flatten every query's datapoints, in answer order, then cut the page the token points at.
    const all = queries.flatMap((q) =>
      series(points, q, start, end)
        .sort((a, b) => (descending ? b.t - a.t : a.t - b.t))
        .map((d) => ({ id: q.Id, ...d })),
    );
    const from = Number(body['NextToken'] ?? 0);
    const page = all.slice(from, from + pageSize);
    const more = from + pageSize < all.length;
    return {
      MetricDataResults: queries.map((q) => {
        const mine = page.filter((d) => d.id === q.Id);
        return failStatus
          ? { Id: q.Id, Label: q.MetricStat.Metric.MetricName, Timestamps: [], Values: [], StatusCode: failStatus }
          : {
              Id: q.Id,
              Label: q.MetricStat.Metric.MetricName,
              Timestamps: mine.map((d) => d.t / 1000),
              Values: mine.map((d) => d.v),
              StatusCode: more ? 'PartialData' : 'Complete',
            };
      }),
      Messages: [],
      ...(more ? { NextToken: String(from + pageSize) } : {}),
    };
  };

  const listMetrics = (body: Json): Json => {
    const filter = (body['Dimensions'] as { Name: string; Value?: string }[] | undefined) ?? [];
    const seen = new Map<string, Json>();
    for (const p of points) {
      if (body['Namespace'] && p.namespace !== body['Namespace']) continue;
      if (body['MetricName'] && p.metricName !== body['MetricName']) continue;
      if (!filter.every((f) => f.Name in p.dimensions && (f.Value === undefined || p.dimensions[f.Name] === f.Value)))
        continue;
      const dims = Object.entries(p.dimensions).map(([Name, Value]) => ({ Name, Value }));
      seen.set(JSON.stringify([p.namespace, p.metricName, dims]), {
        Namespace: p.namespace,
        MetricName: p.metricName,
        Dimensions: dims,
      });
    }
    const all = [...seen.values()];
    const from = Number(body['NextToken'] ?? 0);
    const more = from + pageSize < all.length;
    return { Metrics: all.slice(from, from + pageSize), ...(more ? { NextToken: String(from + pageSize) } : {}) };
  };

  const answer = (res: ServerResponse, status: number, body: Json, queryError?: string) => {
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': `req-${requests.length}`,
      ...(queryError ? { 'x-amzn-query-error': queryError } : {}),
    });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
      try {
        if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/x-amz-json-1.0'))
          throw new InvalidParameter('expected POST with application/x-amz-json-1.0');
        if (!String(req.headers['authorization'] ?? '').startsWith('AWS4-HMAC-SHA256'))
          return answer(res, 403, { __type: 'com.amazon.coral.service#MissingAuthenticationTokenException' });
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Json;
        requests.push({ operation, body });
        if (operation === 'GetMetricData') return answer(res, 200, getMetricData(body));
        if (operation === 'ListMetrics') return answer(res, 200, listMetrics(body));
        return answer(res, 400, { __type: 'com.amazon.coral.service#UnknownOperationException' });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return answer(
          res,
          400,
          { __type: 'com.amazonaws.cloudwatch#InvalidParameterValueException', message },
          'InvalidParameterValue;Sender',
        );
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    put: (...p) => void points.push(...p),
    failQueries: (status) => void (failStatus = status),
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
