// The local EventBridge bus: PutEvents with per-entry results, a durable event log, rules with
// event patterns (the filter-criteria grammar of the local mappings) and at-least-once targets.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { compileFilterPattern, toLosslessJson } from '@streamlens/config';
import { DeliveryWorker, type DeliveryPolicy, type DeliveryStats } from './delivery';
import { BusConfigError } from './errors';
import { EventLog } from './event-log';
import { judgeEntry, MAX_ENTRIES, type BusIdentity } from './put-events';
import type { BusEvent, BusRule, PutEventsEntry, PutEventsResultEntry } from './types';

/** Per-entry failures the bus injects (what the real service does under load), for chaos runs. */
export interface EntryFaults {
  /** Share of valid entries answered with `ThrottlingException` instead of being stored, 0–1. */
  readonly rate: number;
  readonly random: () => number;
}

/** Options of {@link LocalEventBus}. */
export interface LocalEventBusOptions extends Partial<BusIdentity> {
  readonly busName: string;
  readonly rules: readonly BusRule[];
  /** Keeps the log, cursors and dead letters here; in memory without it. */
  readonly dataDir?: string;
  readonly delivery?: Partial<DeliveryPolicy>;
  readonly faults?: EntryFaults;
  readonly onError?: (message: string) => void;
  readonly clock?: () => Date;
}

/** The answer to a PutEvents call. */
export interface PutEventsOutput {
  readonly FailedEntryCount: number;
  readonly Entries: PutEventsResultEntry[];
}

/** A request-level error (the whole call fails), with EventBridge's error name. */
export class PutEventsRequestError extends Error {
  constructor(
    readonly code: 'ValidationException',
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

const DEFAULT_POLICY: DeliveryPolicy = { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 10_000 };

/**
 * A custom event bus on the laptop.
 *
 * @example
 * ```ts
 * const bus = new LocalEventBus({ busName: 'streamlens-dev-alerts', rules: [{ name: 'log', pattern: alertEventPattern(), targets: [new LogFileTarget(file)] }], dataDir });
 * await bus.start();
 * const out = await bus.putEvents([{ Source: 'streamlens.alerts', DetailType: 'Trend Alert', Detail: '{}', EventBusName: 'streamlens-dev-alerts' }]);
 * ```
 */
export class LocalEventBus {
  readonly identity: BusIdentity;
  private readonly log: EventLog;
  private readonly workers: DeliveryWorker[] = [];
  private readonly clock: () => Date;

  constructor(private readonly options: LocalEventBusOptions) {
    this.identity = {
      busName: options.busName,
      account: options.account ?? '000000000000',
      region: options.region ?? 'us-east-1',
    };
    this.clock = options.clock ?? (() => new Date());
    this.log = new EventLog(options.dataDir ? join(options.dataDir, 'events.ndjson') : undefined);
    const policy = { ...DEFAULT_POLICY, ...options.delivery };
    const names = new Set<string>();
    for (const rule of options.rules) {
      if (names.has(rule.name)) throw new BusConfigError(`rule ${rule.name}`, 'is defined twice');
      names.add(rule.name);
      // EventBridge patterns share the Lambda filter grammar (any top-level key of the event).
      const result = compileFilterPattern(rule.pattern);
      if (!result.ok) {
        const [first] = result.problems;
        const where = first?.path ? ` at ${first.path}` : '';
        throw new BusConfigError(`rule ${rule.name}`, `event pattern${where}: ${first?.problem ?? 'is not valid'}`);
      }
      const compiled = result.pattern;
      const matches = (event: BusEvent) => compiled.matches(toLosslessJson(event));
      for (const target of rule.targets) {
        this.workers.push(
          new DeliveryWorker(
            this.log,
            rule.name,
            matches,
            target,
            policy,
            options.dataDir ? join(options.dataDir, 'targets') : undefined,
            options.onError ?? (() => undefined),
          ),
        );
      }
    }
  }

  /** Starts the delivery workers (from their saved cursors). */
  async start(): Promise<void> {
    for (const worker of this.workers) await worker.start();
  }

  /**
   * Stores the valid entries (durably, with a data dir) and answers per entry in request order.
   *
   * @throws PutEventsRequestError for an empty call or more than 10 entries.
   */
  async putEvents(entries: readonly PutEventsEntry[]): Promise<PutEventsOutput> {
    if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_ENTRIES) {
      throw new PutEventsRequestError(
        'ValidationException',
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`,
      );
    }
    const now = this.clock();
    const results: PutEventsResultEntry[] = [];
    const accepted: BusEvent[] = [];
    for (const entry of entries) {
      const verdict = judgeEntry(entry, this.identity, randomUUID(), now);
      const faults = this.options.faults;
      if (verdict.ok && faults && faults.random() < faults.rate) {
        results.push({ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded (injected by the local bus)' });
      } else if (verdict.ok) {
        accepted.push(verdict.event);
        results.push({ EventId: verdict.event.id });
      } else {
        results.push(verdict.result);
      }
    }
    await this.log.append(accepted);
    return { FailedEntryCount: entries.length - accepted.length, Entries: results };
  }

  /** Every event the bus accepted, oldest first (across restarts with a data dir). */
  events(): readonly BusEvent[] {
    return this.log.all();
  }

  /** Delivery counters per (rule, target). */
  deliveryStats(): DeliveryStats[] {
    return this.workers.map((w) => ({ ...w.stats }));
  }

  /** True when every target has handled every stored event. */
  get idle(): boolean {
    return this.workers.every((w) => w.idle);
  }

  /** Stops delivering (in-flight retries end; their events are redelivered on restart). */
  async close(): Promise<void> {
    const stopping = this.workers.map((w) => w.stop());
    await this.log.close(); // wakes workers waiting for new events
    await Promise.all(stopping);
  }
}
