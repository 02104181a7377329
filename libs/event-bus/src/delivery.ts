// Local bus, delivery: one worker per (rule, target) walks the event log from its cursor,
// delivers the events the rule's pattern matches, and saves the cursor after each one — at
// least once, in order, surviving restarts (as EventBridge: retries with backoff, then a
// dead-letter record instead of blocking the target forever).
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile, writeJsonFileAtomic } from '@streamlens/event-source-mapping';
import type { EventLog } from './event-log';
import type { BusEvent, BusTarget } from './types';

/** Retry policy of a delivery. */
export interface DeliveryPolicy {
  /** Attempts per event before it goes to the dead-letter file (EventBridge: up to 185). */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Counters of one worker. */
export interface DeliveryStats {
  readonly rule: string;
  readonly target: string;
  delivered: number;
  failedAttempts: number;
  deadLettered: number;
}

/** Delivers one rule's matching events to one target. */
export class DeliveryWorker {
  readonly stats: DeliveryStats;
  private cursor = 0;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly log: EventLog,
    private readonly rule: string,
    private readonly matches: (event: BusEvent) => boolean,
    private readonly target: BusTarget,
    private readonly policy: DeliveryPolicy,
    private readonly stateDir: string | undefined,
    private readonly onError: (message: string) => void,
  ) {
    this.stats = { rule, target: target.name, delivered: 0, failedAttempts: 0, deadLettered: 0 };
  }

  /** Loads the saved cursor and starts delivering. */
  async start(): Promise<void> {
    const saved = this.stateDir ? await readJsonFile(this.cursorFile()) : undefined;
    this.cursor = typeof (saved as { next?: unknown })?.next === 'number' ? (saved as { next: number }).next : 0;
    this.loop = this.run();
  }

  /** True when every stored event has been handled. */
  get idle(): boolean {
    return this.cursor >= this.log.length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const event = this.log.at(this.cursor);
      if (!event) {
        await this.log.waitForAppend(1000);
        continue;
      }
      // Stopped in the middle of retries: the cursor stays, the event is redelivered on restart.
      if (this.matches(event) && !(await this.deliver(event))) return;
      this.cursor += 1;
      if (this.stateDir) await writeJsonFileAtomic(this.cursorFile(), { next: this.cursor });
    }
  }

  // True when the event is done with (delivered or dead-lettered), false when stopped first.
  private async deliver(event: BusEvent): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.target.deliver(event);
        this.stats.delivered += 1;
        return true;
      } catch (error) {
        this.stats.failedAttempts += 1;
        const message = `rule ${this.rule} → ${this.target.name}: event ${event.id} attempt ${attempt}: ${(error as Error).message}`;
        if (this.stopped) return false;
        if (attempt >= this.policy.maxAttempts) {
          this.stats.deadLettered += 1;
          this.onError(`${message}; giving up (dead-letter)`);
          await this.deadLetter(event, (error as Error).message);
          return true;
        }
        this.onError(message);
        await sleep(Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1)));
      }
    }
  }

  private async deadLetter(event: BusEvent, reason: string): Promise<void> {
    if (!this.stateDir) return;
    await mkdir(this.stateDir, { recursive: true });
    await appendFile(
      join(this.stateDir, `${this.rule}--${this.target.name}.dead-letter.ndjson`),
      `${JSON.stringify({ reason, event })}\n`,
    );
  }

  private cursorFile(): string {
    return join(this.stateDir as string, `${this.rule}--${this.target.name}.cursor.json`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
