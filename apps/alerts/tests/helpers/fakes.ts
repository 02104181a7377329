// Fakes for handler tests: a publisher that records what reached "the bus" and can fail, and
// recorders for metrics and logs.
import type { TrendAlertDetail } from '@streamlens/alert-events';
import type { AlertPublisher, LogSink, MetricsSink, PublishOutcome } from '../../src/types';

/** Records every published detail; `failNext` makes the next calls fail their entries. */
export class RecordingPublisher implements AlertPublisher {
  readonly published: TrendAlertDetail[] = [];
  failNext = 0;
  private seq = 0;

  async publish(details: readonly TrendAlertDetail[]): Promise<PublishOutcome[]> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      return details.map((d) => ({ alertId: d.alertId, ok: false, error: 'ThrottlingException: Rate exceeded' }));
    }
    this.published.push(...details);
    return details.map((d) => ({ alertId: d.alertId, ok: true, eventId: `ev-${++this.seq}` }));
  }

  /** Distinct alert ids on the bus. */
  distinctIds(): Set<string> {
    return new Set(this.published.map((d) => d.alertId));
  }
}

export class MetricsRecorder implements MetricsSink {
  readonly values = new Map<string, number>();
  addMetric(name: string, _unit: string, value: number): void {
    this.values.set(name, (this.values.get(name) ?? 0) + value);
  }
}

export class LogRecorder implements LogSink {
  readonly lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  info(message: string, fields: Record<string, unknown>): void {
    this.lines.push({ level: 'info', message, fields });
  }
  warn(message: string, fields: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(message: string, fields: Record<string, unknown>): void {
    this.lines.push({ level: 'error', message, fields });
  }
}
