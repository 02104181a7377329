// What the record processor needs from the outside: repositories, a clock, a logger and a
// metrics sink. Powertools' Logger and Metrics satisfy these; tests pass fakes.
import type { PostsWriter, QuarantineRepository } from '@streamlens/repositories';

/** Structured logger (Powertools Logger fits). */
export interface LoggerPort {
  debug(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}

/** Units the consumer's metrics use (values of Powertools' MetricUnit). */
export type MetricUnitName = 'Count' | 'Milliseconds';

/** Metrics buffer flushed once per invocation (Powertools Metrics fits). */
export interface MetricsPort {
  addMetric(name: string, unit: MetricUnitName, value: number): void;
  /** Writes one EMF document with everything added since the last flush. */
  publishStoredMetrics(): void;
}

/** Dependencies of {@link makeRecordProcessor}. */
export interface RecordProcessorDependencies {
  readonly posts: PostsWriter;
  readonly quarantine: Pick<QuarantineRepository, 'quarantine'>;
  /** Epoch milliseconds (Date.now in production). */
  readonly clock: () => number;
  readonly logger: LoggerPort;
  readonly metrics: MetricsPort;
  /** Largest user record accepted; larger ones are quarantined as too-large (default DEFAULT_MAX_RECORD_BYTES of @streamlens/schemas). */
  readonly maxRecordBytes?: number;
}
