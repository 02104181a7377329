// CloudWatch Embedded Metric Format for a producer metrics snapshot: print the returned
// object as one JSON line on stdout in Lambda and CloudWatch extracts the metrics.
import type { ProducerMetricsSnapshot } from './types';

/** Options of {@link toEmf}. */
export interface EmfOptions {
  /** CloudWatch namespace, e.g. "StreamLens/Producer". */
  readonly namespace: string;
  /** Dimension name → value, e.g. { StreamName: 'posts' }. */
  readonly dimensions?: Readonly<Record<string, string>>;
}

const COUNTS = [
  'UserRecordsReceived',
  'UserRecordsPending',
  'UserRecordsPut',
  'KinesisRecordsPut',
  'PutRecordsRequests',
  'UserRecordExpired',
  'UserRecordsFailed',
  'AllErrors',
  'BackPressureWaits',
] as const;
const BYTES = ['UserRecordsDataPut', 'KinesisRecordsDataPut'] as const;
const RATIOS = ['UserRecordsPerKinesisRecord', 'KinesisRecordsPerPutRecordsRequest', 'RetriesPerRecord'] as const;

/**
 * An EMF document of a snapshot (counts, bytes, ratios, BufferingTime and RequestTime averages).
 *
 * @example
 * ```ts
 * console.log(JSON.stringify(toEmf(producer.metrics(), { namespace: 'StreamLens/Producer' })));
 * ```
 */
export function toEmf(snapshot: ProducerMetricsSnapshot, options: EmfOptions): Record<string, unknown> {
  const dimensions = options.dimensions ?? {};
  const metrics: { Name: string; Unit: string }[] = [];
  const values: Record<string, number> = {};
  const add = (name: string, unit: string, value: number) => {
    metrics.push({ Name: name, Unit: unit });
    values[name] = value;
  };
  for (const name of COUNTS) add(name, 'Count', snapshot[name]);
  for (const name of BYTES) add(name, 'Bytes', snapshot[name]);
  for (const name of RATIOS) add(name, 'None', snapshot[name]);
  add('BufferingTime', 'Milliseconds', snapshot.BufferingTime.avg);
  add('RequestTime', 'Milliseconds', snapshot.RequestTime.avg);
  return {
    _aws: {
      Timestamp: snapshot.periodEnd,
      CloudWatchMetrics: [{ Namespace: options.namespace, Dimensions: [Object.keys(dimensions)], Metrics: metrics }],
    },
    ...dimensions,
    ...values,
  };
}
