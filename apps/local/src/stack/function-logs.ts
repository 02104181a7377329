// Function log lines (Powertools JSON logs and EMF metrics) go to one file per function under
// the data dir, not to the terminal, where they would bury the status display.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

/** Adds the metric values of one EMF line (`{"_aws": …, "Name": value}`) into `totals`; other lines are ignored. */
export function addEmfMetrics(line: string, totals: Map<string, number>): void {
  if (!line.startsWith('{"_aws"')) return;
  let doc: { _aws?: { CloudWatchMetrics?: Array<{ Metrics?: Array<{ Name?: unknown }> }> } } & Record<string, unknown>;
  try {
    doc = JSON.parse(line) as typeof doc;
  } catch {
    return; // a function's broken log line is its own business, not the status line's
  }
  for (const directive of doc._aws?.CloudWatchMetrics ?? []) {
    for (const { Name } of directive.Metrics ?? []) {
      const value = typeof Name === 'string' ? doc[Name] : undefined;
      if (typeof Name === 'string' && typeof value === 'number' && Number.isFinite(value)) totals.set(Name, (totals.get(Name) ?? 0) + value);
    }
  }
}

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
