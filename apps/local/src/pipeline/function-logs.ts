// Function log lines (Powertools JSON logs and EMF metrics) go to one file per function under
// the data dir, not to the terminal, where they would bury the status display.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { addEmfMetrics } from './emf-metrics';

/** Writes each function's log lines to `<dir>/<function>.log`; drops them without a dir. */
export class FunctionLogSink {
  private readonly streams = new Map<string, WriteStream>();
  private readonly metrics = new Map<string, Map<string, number>>();
  /** Lines per function, counted even when dropped. */
  readonly lines = new Map<string, number>();

  constructor(private readonly dir: string | undefined) {
    if (dir) mkdirSync(dir, { recursive: true });
  }

  /**
   * Sum of an EMF metric over every invoke of `fn` so far (0 if never emitted). Retried invokes
   * count again, so it is an attempt count, not a distinct count.
   */
  metricTotal(fn: string, name: string): number {
    return this.metrics.get(fn)?.get(name) ?? 0;
  }

  /** Every EMF metric total of `fn` so far, by metric name. */
  metricTotals(fn: string): ReadonlyMap<string, number> {
    return new Map(this.metrics.get(fn) ?? []);
  }

  write(fn: string, line: string): void {
    this.lines.set(fn, (this.lines.get(fn) ?? 0) + 1);
    let totals = this.metrics.get(fn);
    if (!totals) this.metrics.set(fn, (totals = new Map()));
    addEmfMetrics(line, totals);
    if (!this.dir) return;
    let stream = this.streams.get(fn);
    if (!stream) {
      stream = createWriteStream(join(this.dir, `${fn}.log`), { flags: 'a' });
      this.streams.set(fn, stream);
    }
    stream.write(line.endsWith('\n') ? line : `${line}\n`);
  }

  close(): Promise<void> {
    const all = [...this.streams.values()].map((s) => new Promise<void>((r) => s.end(() => r())));
    this.streams.clear();
    return Promise.all(all).then(() => undefined);
  }
}
