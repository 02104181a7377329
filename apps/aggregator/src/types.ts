// Aggregator flow: the shapes at the edge of the handler (Lambda event and response) and the
// ports its logic depends on (trends store, metrics, logs, clock).
import type { KinesisStreamBatchItemFailure, KinesisStreamRecord, KinesisStreamTumblingWindowEvent } from 'aws-lambda';

/**
 * The Kinesis tumbling-window event. @types/aws-lambda omits `shardId` and `eventSourceARN`,
 * which Lambda sends with every tumbling-window invoke.
 */
export interface KinesisWindowEvent extends KinesisStreamTumblingWindowEvent {
  readonly shardId: string;
  readonly eventSourceARN: string;
}

/** One record of the event. */
export type KinesisWindowRecord = KinesisStreamRecord;

/**
 * The response of every invoke: `state` is always present (Lambda counts a tumbling-window
 * invoke without it as failed); `batchItemFailures` is empty because poison is skipped and
 * counted, never failed.
 */
export interface WindowResponse {
  readonly state: Record<string, unknown>;
  readonly batchItemFailures: KinesisStreamBatchItemFailure[];
}

/** Units of the metrics the aggregator emits. */
export type AggregatorMetricUnit = 'Count' | 'Milliseconds' | 'Bytes';

/** Where metrics go (Powertools Metrics in the function, a recorder in tests). */
export interface MetricsSink {
  addMetric(name: string, unit: AggregatorMetricUnit, value: number): void;
}

/** Where logs go (Powertools Logger in the function, a recorder in tests). */
export interface LogSink {
  info(message: string, fields: Record<string, unknown>): void;
  warn(message: string, fields: Record<string, unknown>): void;
  error(message: string, fields: Record<string, unknown>): void;
}

/** Time source, epoch ms. */
export interface Clock {
  now(): number;
}
