// e2e bench: alert latency — from a window's end (its close, when every shard can finish it) to
// the alert's event being on the local bus, sampled by watching the bus while the bench runs.
import type { LocalStack } from '../src/pipeline/local-stack';
import { percentile } from './load-step';

/** Alert latency figures of a run. */
export interface AlertLatency {
  readonly alerts: number;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly definition: string;
}

/** Watches the bus every `everyMs` and notes when each new alert id appears. */
export class AlertLatencyProbe {
  private readonly seen = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly stack: Pick<LocalStack, 'alertEvents'>,
    everyMs = 200,
  ) {
    this.timer = setInterval(() => this.poll(), everyMs);
  }

  private poll(): void {
    const now = Date.now();
    for (const event of this.stack.alertEvents()) {
      const detail = event.detail as { alertId?: string; window?: { end?: string } };
      const id = detail.alertId;
      const end = Date.parse(detail.window?.end ?? '');
      if (id && Number.isFinite(end) && !this.seen.has(id)) this.seen.set(id, now - end);
    }
  }

  /** Stops watching and summarises. */
  stop(): AlertLatency {
    clearInterval(this.timer);
    this.poll();
    const latencies = [...this.seen.values()].sort((a, b) => a - b);
    return {
      alerts: latencies.length,
      p50Ms: latencies.length ? percentile(latencies, 0.5) : null,
      p99Ms: latencies.length ? percentile(latencies, 0.99) : null,
      definition:
        'time the alert event was first seen on the local bus (polled every 200 ms) minus its window end; includes the aggregator closing the window on every shard, the trends-table stream, the alerts function and PutEvents',
    };
  }
}
