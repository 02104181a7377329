// Alerts flow: the shapes at the edge of the handler (DynamoDB stream event and response) and
// the ports its logic depends on (event publisher, metrics, logs, clock).
import type { TrendAlertDetail } from '@streamlens/alert-events';

/** One DynamoDB stream record as Lambda delivers it (the fields this function reads). */
export interface TableStreamRecord {
  readonly eventID?: string;
  readonly eventName?: 'INSERT' | 'MODIFY' | 'REMOVE' | string;
  readonly eventSourceARN?: string;
  readonly dynamodb?: {
    readonly Keys?: Record<string, { readonly S?: string } | undefined>;
    readonly NewImage?: Record<string, unknown>;
    readonly SequenceNumber?: string;
    readonly ApproximateCreationDateTime?: number;
  };
}

/** The DynamoDB stream event. */
export interface TableStreamEvent {
  readonly Records: readonly TableStreamRecord[];
}

/** The response (ReportBatchItemFailures: item identifier = the record's SequenceNumber). */
export interface StreamBatchResponse {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

/** Outcome of publishing one alert. */
export type PublishOutcome =
  | { readonly alertId: string; readonly ok: true; readonly eventId: string }
  | { readonly alertId: string; readonly ok: false; readonly error: string };

/** Puts alerts on the bus; never throws for a failed entry (its outcome says so). */
export interface AlertPublisher {
  publish(details: readonly TrendAlertDetail[]): Promise<PublishOutcome[]>;
}

/** Units of the metrics the function emits. */
export type AlertsMetricUnit = 'Count' | 'Milliseconds';

/** Where metrics go (Powertools Metrics in the function, a recorder in tests). */
export interface MetricsSink {
  addMetric(name: string, unit: AlertsMetricUnit, value: number): void;
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
