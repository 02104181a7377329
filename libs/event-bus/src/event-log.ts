// Local bus storage: the accepted events in arrival order, appended to an NDJSON file and
// flushed to disk before PutEvents answers, so an acknowledged event survives a SIGKILL.
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BusEvent } from './types';

/**
 * Events in memory, and in `file` when given. Appends are serialised; a torn last line (a
 * crash mid-write, never acknowledged) is dropped on load.
 */
export class EventLog {
  private readonly events: BusEvent[] = [];
  private handle: Promise<FileHandle> | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly waiters = new Set<() => void>();

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) this.events.push(...readEvents(file));
  }

  /** Number of events stored. */
  get length(): number {
    return this.events.length;
  }

  /** The event at an index. */
  at(index: number): BusEvent | undefined {
    return this.events[index];
  }

  /** Every event, oldest first. */
  all(): readonly BusEvent[] {
    return this.events;
  }

  /** Appends and, with a file, flushes it to disk; resolves once durable. */
  append(events: readonly BusEvent[]): Promise<void> {
    const run = this.tail.then(async () => {
      if (this.file && events.length > 0) {
        const fh = await this.fileHandle();
        await fh.write(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
        await fh.datasync();
      }
      this.events.push(...events);
      for (const wake of [...this.waiters]) wake();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves at the next append (or after `ms`). */
  waitForAppend(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  async close(): Promise<void> {
    await this.tail;
    if (this.handle) await (await this.handle).close();
    this.handle = undefined;
    for (const wake of [...this.waiters]) wake();
  }

  private fileHandle(): Promise<FileHandle> {
    if (!this.handle) {
      mkdirSync(dirname(this.file as string), { recursive: true });
      this.handle = open(this.file as string, 'a');
    }
    return this.handle;
  }
}

function readEvents(file: string): BusEvent[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const events: BusEvent[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line) as BusEvent);
    } catch (error) {
      // Only the last line can be torn (appends are whole lines, flushed in order).
      if (i < lines.length - 2) throw new Error(`${file}:${i + 1}: not an event (${(error as Error).message})`);
    }
  }
  return events;
}
