// Pure alarm catalogue: which signals page someone and at what threshold. Generic over the
// name type so it runs on plain strings in tests and on pulumi Inputs in the component.
import { METRICS_NAMESPACE } from '@streamlens/config';
import { QUARANTINE_METRIC } from './constants';
import type { ArgsContext } from './validate';
import { fail, requirePositive } from './validate';

/** Thresholds of the stack (`streamlens:alarms`). */
export interface AlarmThresholds {
  /**
   * (0, 0.99]: the stream iterator-age alarm fires at this share of the age at which records are
   * lost — the shortest of the retention and every mapping's maximum record age.
   */
  readonly iteratorAgeFractionOfRetention: number;
  readonly lambdaIteratorAgeMs: number;
  /** Errors per 5 minutes that raise the alarm (≥ 1). */
  readonly functionErrors: number;
  /** Visible DLQ messages above which the alarm fires (≥ 0). */
  readonly dlqDepth: number;
  readonly quarantinedPerMinute: number;
  /** Lowest acceptable share of PutRecords records that succeed, in percent. Default 99. */
  readonly putRecordsSuccessPercent?: number;
}

/** Named things the alarms watch; `id` is a short stable role used in resource names. */
export interface Watched<T> {
  readonly id: string;
  readonly name: T;
}

/** A function fed by a Kinesis mapping, with the record age past which its mapping drops records. */
export interface MappedFunction<T> extends Watched<T> {
  /** The mapping's maximumRecordAgeInSeconds; -1 (unbounded) means the retention bounds it. */
  readonly maximumRecordAgeInSeconds: number;
  /**
   * Reads through an enhanced fan-out consumer: it does not show in the stream's
   * GetRecords.IteratorAgeMilliseconds (its Lambda IteratorAge alarm watches it). Default false.
   */
  readonly enhancedFanOut?: boolean;
  /** What the mapping reads (default the Kinesis stream); a table stream does not bound the Kinesis alarm. */
  readonly source?: 'kinesis' | 'table-stream';
}

/** Everything the catalogue needs. */
export interface AlarmCatalogueInput<T> {
  readonly streamName: T;
  readonly retentionHours: number;
  /** Functions fed by a Kinesis mapping (Lambda IteratorAge). */
  readonly mappedFunctions: readonly MappedFunction<T>[];
  readonly functions: readonly Watched<T>[];
  readonly queues: readonly Watched<T>[];
  /**
   * Mappings whose on-failure target has no depth metric (an S3 bucket), by mapping UUID: they
   * alarm on the failure records Lambda delivered instead. Default none.
   */
  readonly failureDeliveries?: readonly Watched<T>[];
  readonly tables: readonly Watched<T>[];
  readonly thresholds: AlarmThresholds;
  /** Alarms of an optional path (e.g. alerts' PutEvents failures), appended as given. */
  readonly extra?: readonly AlarmSpec<T>[];
}

/** One metric of a metric-math alarm. */
export interface MetricQuerySpec<T> {
  readonly id: string;
  readonly expression?: string;
  readonly label?: string;
  readonly returnData: boolean;
  readonly metric?: {
    readonly namespace: string;
    readonly metricName: string;
    readonly dimensions: Record<string, T | string>;
    readonly stat: string;
    readonly period: number;
  };
}

/** One alarm, as plain data. */
export interface AlarmSpec<T> {
  readonly id: string;
  readonly description: string;
  readonly comparisonOperator: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold';
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: 'notBreaching' | 'breaching' | 'missing';
  /** A single metric… */
  readonly metric?: {
    readonly namespace: string;
    readonly metricName: string;
    readonly dimensions: Record<string, T | string>;
    readonly statistic: 'Maximum' | 'Sum' | 'Average';
    readonly period: number;
  };
  /** …or metric math. */
  readonly metricQueries?: readonly MetricQuerySpec<T>[];
}

const MINUTE = 60;
/** DynamoDB Streams keep records 24 hours, whatever the Kinesis stream's retention. */
const TABLE_STREAM_RETENTION_HOURS = 24;
const FIVE_MINUTES = 300;

/**
 * The alarms of the stack: stream iterator age, throughput exceeded (read and write),
 * PutRecords success rate, Lambda iterator age per mapping, Errors and Throttles per function,
 * DLQ depth per queue, throttles per table, quarantine rate.
 *
 * @example
 * ```ts
 * alarmSpecs(ctx, { streamName: 's', retentionHours: 24, mappedFunctions: [], functions: [],
 *   queues: [], tables: [], thresholds })[0].threshold; // 0.5 × 24 h in ms
 * ```
 */
export function alarmSpecs<T>(ctx: ArgsContext, input: AlarmCatalogueInput<T>): AlarmSpec<T>[] {
  const t = checkThresholds(ctx, input.thresholds);
  for (const f of input.mappedFunctions) {
    const limitMs = recordAgeLimitMs(
      f.source === 'table-stream' ? TABLE_STREAM_RETENTION_HOURS : input.retentionHours,
      f,
    );
    // IteratorAge never exceeds the age at which the mapping drops a record: a threshold at or
    // above it is an alarm that can never fire.
    if (t.lambdaIteratorAgeMs >= limitMs) {
      fail(
        ctx,
        'thresholds.lambdaIteratorAgeMs',
        `must be below ${f.id}'s maximum record age (${limitMs} ms)`,
        t.lambdaIteratorAgeMs,
      );
    }
  }
  return [
    ...streamAlarms(input, t),
    ...input.mappedFunctions.map((f) => lambdaIteratorAge(f, t)),
    ...input.functions.flatMap((f) => [functionErrors(f, t), functionThrottles(f)]),
    ...input.queues.map((q) => dlqDepth(q, t)),
    ...(input.failureDeliveries ?? []).map((m) => failureDeliveries(m, t)),
    ...input.tables.map((table) => tableThrottles(table)),
    quarantineRate(t),
    ...(input.extra ?? []),
  ];
}

function checkThresholds(ctx: ArgsContext, t: AlarmThresholds): Required<AlarmThresholds> {
  // At 1 the threshold is the age the iterator never exceeds (records are dropped or expire there).
  requirePositive(ctx, 'thresholds.iteratorAgeFractionOfRetention', t.iteratorAgeFractionOfRetention, 0.99);
  requirePositive(ctx, 'thresholds.lambdaIteratorAgeMs', t.lambdaIteratorAgeMs);
  requirePositive(ctx, 'thresholds.functionErrors', t.functionErrors);
  requirePositive(ctx, 'thresholds.quarantinedPerMinute', t.quarantinedPerMinute);
  if (!(t.dlqDepth >= 0)) fail(ctx, 'thresholds.dlqDepth', 'must be ≥ 0', t.dlqDepth);
  const putRecordsSuccessPercent = t.putRecordsSuccessPercent ?? 99;
  requirePositive(ctx, 'thresholds.putRecordsSuccessPercent', putRecordsSuccessPercent, 100);
  return { ...t, putRecordsSuccessPercent };
}

/** The age (ms) past which a mapping's records are gone: its maximum record age, else the retention. */
export function recordAgeLimitMs(retentionHours: number, f: { readonly maximumRecordAgeInSeconds: number }): number {
  const retentionMs = retentionHours * 3_600_000;
  return f.maximumRecordAgeInSeconds === -1 ? retentionMs : Math.min(retentionMs, f.maximumRecordAgeInSeconds * 1000);
}

// The stream's GetRecords.IteratorAgeMilliseconds is the oldest position of any reader; a
// reader never lags past the age at which its mapping drops records, so the threshold is a share
// of the shortest such age (the retention when nothing reads the stream).
function streamAgeLimit<T>(input: AlarmCatalogueInput<T>): { ms: number; what: string } {
  const retentionMs = input.retentionHours * 3_600_000;
  let limit = { ms: retentionMs, what: `the ${input.retentionHours} h retention` };
  for (const f of input.mappedFunctions.filter((m) => !m.enhancedFanOut && m.source !== 'table-stream')) {
    const ms = recordAgeLimitMs(input.retentionHours, f);
    if (ms < limit.ms) limit = { ms, what: `${f.id}'s ${ms / 1000} s maximum record age` };
  }
  return limit;
}

function streamAlarms<T>(input: AlarmCatalogueInput<T>, t: Required<AlarmThresholds>): AlarmSpec<T>[] {
  const dimensions = { StreamName: input.streamName };
  const kinesis = (metricName: string, statistic: 'Maximum' | 'Sum') => ({
    namespace: 'AWS/Kinesis',
    metricName,
    dimensions,
    statistic,
    period: MINUTE,
  });
  const exceeded = (id: string, metricName: string, what: string): AlarmSpec<T> => ({
    id,
    description: `${what} throttled by the stream for 5 minutes in a row: add shards or slow the ${what === 'Writes' ? 'producer' : 'readers'}`,
    metric: kinesis(metricName, 'Sum'),
    comparisonOperator: 'GreaterThanThreshold',
    threshold: 0,
    evaluationPeriods: 5,
    datapointsToAlarm: 5,
    treatMissingData: 'notBreaching',
  });
  const limit = streamAgeLimit(input);
  // Only shared-throughput readers (GetRecords) move this metric: with every mapping on enhanced
  // fan-out it never gets a value, and the per-mapping Lambda IteratorAge alarms watch the lag.
  // (The alerts mapping reads the trends table's stream, not Kinesis.)
  const kinesisReaders = input.mappedFunctions.filter((m) => m.source !== 'table-stream');
  const sharedReaders = kinesisReaders.some((m) => !m.enhancedFanOut) || kinesisReaders.length === 0;
  const iteratorAge: AlarmSpec<T>[] = [
    {
      id: 'stream-iterator-age',
      description: `Oldest unread record older than ${t.iteratorAgeFractionOfRetention} of ${limit.what}: records will be dropped or expire unread`,
      metric: kinesis('GetRecords.IteratorAgeMilliseconds', 'Maximum'),
      comparisonOperator: 'GreaterThanThreshold',
      threshold: Math.round(t.iteratorAgeFractionOfRetention * limit.ms),
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: 'notBreaching',
    },
  ];
  return [
    ...(sharedReaders ? iteratorAge : []),
    exceeded('stream-write-throttled', 'WriteProvisionedThroughputExceeded', 'Writes'),
    exceeded('stream-read-throttled', 'ReadProvisionedThroughputExceeded', 'Reads'),
    putRecordsSuccess(input.streamName, t),
  ];
}

function putRecordsSuccess<T>(streamName: T, t: Required<AlarmThresholds>): AlarmSpec<T> {
  const metric = (metricName: string) => ({
    namespace: 'AWS/Kinesis',
    metricName,
    dimensions: { StreamName: streamName },
    stat: 'Sum',
    period: FIVE_MINUTES,
  });
  return {
    id: 'stream-put-success',
    description: `Less than ${t.putRecordsSuccessPercent}% of the records sent with PutRecords succeeded (the producer retries them; sustained failure loses data)`,
    metricQueries: [
      { id: 'ok', metric: metric('PutRecords.SuccessfulRecords'), returnData: false },
      { id: 'total', metric: metric('PutRecords.TotalRecords'), returnData: false },
      { id: 'rate', expression: '100 * ok / total', label: 'PutRecords success %', returnData: true },
    ],
    comparisonOperator: 'LessThanThreshold',
    threshold: t.putRecordsSuccessPercent,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    // No traffic gives no data (0 / 0): that is not a failure.
    treatMissingData: 'notBreaching',
  };
}

function lambdaIteratorAge<T>(f: Watched<T>, t: Required<AlarmThresholds>): AlarmSpec<T> {
  return {
    id: `${f.id}-iterator-age`,
    description: `${f.id}: last record of a batch older than ${t.lambdaIteratorAgeMs} ms when invoked — the mapping falls behind`,
    metric: lambdaMetric('IteratorAge', f.name, 'Maximum', MINUTE),
    comparisonOperator: 'GreaterThanThreshold',
    threshold: t.lambdaIteratorAgeMs,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    treatMissingData: 'notBreaching',
  };
}

function functionErrors<T>(f: Watched<T>, t: Required<AlarmThresholds>): AlarmSpec<T> {
  return {
    id: `${f.id}-errors`,
    description: `${f.id}: ${t.functionErrors} or more invocation errors in 5 minutes`,
    metric: lambdaMetric('Errors', f.name, 'Sum', FIVE_MINUTES),
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    threshold: t.functionErrors,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'notBreaching',
  };
}

function functionThrottles<T>(f: Watched<T>): AlarmSpec<T> {
  return {
    id: `${f.id}-throttles`,
    description: `${f.id}: invocations throttled (account or reserved concurrency exhausted)`,
    metric: lambdaMetric('Throttles', f.name, 'Sum', FIVE_MINUTES),
    comparisonOperator: 'GreaterThanThreshold',
    threshold: 0,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'notBreaching',
  };
}

function lambdaMetric<T>(metricName: string, functionName: T, statistic: 'Maximum' | 'Sum', period: number) {
  return { namespace: 'AWS/Lambda', metricName, dimensions: { FunctionName: functionName }, statistic, period };
}

// Failed batches waiting for a redrive: the queue's depth, or — an S3 target has no depth — the
// failure records Lambda delivered (MetricsConfig EventCount) per mapping in 5 minutes.
function dlqDepth<T>(q: Watched<T>, t: Required<AlarmThresholds>): AlarmSpec<T> {
  return failedBatches(`${q.id}-depth`, `${q.id}: more than ${t.dlqDepth} failed batches waiting`, t, {
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensions: { QueueName: q.name },
    statistic: 'Maximum',
    period: FIVE_MINUTES,
  });
}

function failureDeliveries<T>(m: Watched<T>, t: Required<AlarmThresholds>): AlarmSpec<T> {
  const what = `${m.id}: more than ${t.dlqDepth} failed batches written to the on-failure bucket in 5 minutes`;
  return failedBatches(`${m.id}-failures-delivered`, what, t, {
    namespace: 'AWS/Lambda',
    metricName: 'OnFailureDestinationDeliveredEventCount',
    dimensions: { EventSourceMappingUUID: m.name },
    statistic: 'Sum',
    period: FIVE_MINUTES,
  });
}

function failedBatches<T>(
  id: string,
  what: string,
  t: Required<AlarmThresholds>,
  metric: NonNullable<AlarmSpec<T>['metric']>,
): AlarmSpec<T> {
  return {
    id,
    description: `${what} — redrive them before the stream retention drops their records`,
    metric,
    comparisonOperator: 'GreaterThanThreshold',
    threshold: t.dlqDepth,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'notBreaching',
  };
}

// ThrottledRequests is published per (TableName, Operation) only; the table-wide read and
// write throttle events carry the same signal (and count throttled items inside batches).
function tableThrottles<T>(table: Watched<T>): AlarmSpec<T> {
  const metric = (metricName: string) => ({
    namespace: 'AWS/DynamoDB',
    metricName,
    dimensions: { TableName: table.name },
    stat: 'Sum',
    period: FIVE_MINUTES,
  });
  return {
    id: `${table.id}-throttled`,
    description: `${table.id}: DynamoDB throttled requests (read or write throttle events)`,
    metricQueries: [
      { id: 'reads', metric: metric('ReadThrottleEvents'), returnData: false },
      { id: 'writes', metric: metric('WriteThrottleEvents'), returnData: false },
      {
        id: 'throttled',
        expression: 'FILL(reads, 0) + FILL(writes, 0)',
        label: 'Throttled requests',
        returnData: true,
      },
    ],
    comparisonOperator: 'GreaterThanThreshold',
    threshold: 0,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'notBreaching',
  };
}

function quarantineRate<T>(t: Required<AlarmThresholds>): AlarmSpec<T> {
  return {
    id: 'quarantine-rate',
    description: `More than ${t.quarantinedPerMinute} records quarantined per minute: a producer sends bad data`,
    metric: {
      namespace: METRICS_NAMESPACE,
      metricName: QUARANTINE_METRIC,
      dimensions: { service: 'consumer' },
      statistic: 'Sum',
      period: MINUTE,
    },
    comparisonOperator: 'GreaterThanThreshold',
    threshold: t.quarantinedPerMinute,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    treatMissingData: 'notBreaching',
  };
}
