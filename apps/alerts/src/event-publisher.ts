// Alerts flow: decided alerts → (this file) PutEvents, ≤ 10 entries and ≤ 256 KB a call, failed
// entries retried on their own with full-jitter backoff until the bound runs out. A request that
// fails whole (throttled, 5xx, timeout) is retried the same way. Never throws: each alert gets
// an outcome.
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { ALERT_DETAIL_TYPE, ALERT_EVENT_SOURCE, type TrendAlertDetail } from '@streamlens/alert-events';
import type { AlertPublisher, PublishOutcome } from './types';

/** Options of {@link EventBridgePublisher}. */
export interface EventBridgePublisherOptions {
  readonly client: Pick<EventBridgeClient, 'send'>;
  readonly eventBusName: string;
  /** Attempts per entry (default 6). */
  readonly maxAttempts?: number;
  /** Backoff base and cap (defaults 50 ms and 2 s). */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Called with the number of entries sent again after an error (metrics). */
  readonly onRetry?: (entries: number) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

const MAX_ENTRIES = 10;
// EventBridge counts an entry's size from its fields; staying well under 256 KB per call leaves
// room for the envelope it adds.
const MAX_CALL_BYTES = 240 * 1024;

interface Pending {
  readonly alertId: string;
  readonly entry: PutEventsRequestEntry;
  readonly bytes: number;
  lastError: string;
}

/**
 * Publishes alerts to one bus.
 *
 * @example
 * ```ts
 * const publisher = new EventBridgePublisher({ client: new EventBridgeClient({}), eventBusName: 'streamlens-dev-alerts' });
 * const outcomes = await publisher.publish(details);
 * ```
 */
export class EventBridgePublisher implements AlertPublisher {
  constructor(private readonly options: EventBridgePublisherOptions) {}

  async publish(details: readonly TrendAlertDetail[]): Promise<PublishOutcome[]> {
    const outcomes = new Map<string, PublishOutcome>();
    let pending = details.map((d) => this.pending(d));
    const maxAttempts = this.options.maxAttempts ?? 6;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 1) {
        this.options.onRetry?.(pending.length);
        await this.backoff(attempt - 1);
      }
      const failed: Pending[] = [];
      for (const call of chunk(pending)) failed.push(...(await this.send(call, outcomes)));
      pending = failed;
      if (attempt >= maxAttempts) break;
    }
    for (const p of pending) outcomes.set(p.alertId, { alertId: p.alertId, ok: false, error: p.lastError });
    return details.map((d) => outcomes.get(d.alertId) as PublishOutcome);
  }

  // One PutEvents call; returns the entries to send again.
  private async send(call: Pending[], outcomes: Map<string, PublishOutcome>): Promise<Pending[]> {
    let entries;
    try {
      const out = await this.options.client.send(new PutEventsCommand({ Entries: call.map((p) => p.entry) }));
      entries = out.Entries ?? [];
    } catch (error) {
      const message = `${(error as Error).name}: ${(error as Error).message}`;
      for (const p of call) p.lastError = message;
      return call;
    }
    const again: Pending[] = [];
    call.forEach((p, i) => {
      const result = entries[i];
      if (result?.EventId) {
        outcomes.set(p.alertId, { alertId: p.alertId, ok: true, eventId: result.EventId });
      } else {
        // A missing entry is treated as failed: the answer must have one per entry, in order.
        p.lastError = result ? `${result.ErrorCode}: ${result.ErrorMessage}` : 'no result for the entry';
        again.push(p);
      }
    });
    return again;
  }

  private pending(detail: TrendAlertDetail): Pending {
    const entry: PutEventsRequestEntry = {
      Source: ALERT_EVENT_SOURCE,
      DetailType: ALERT_DETAIL_TYPE,
      Detail: JSON.stringify(detail),
      EventBusName: this.options.eventBusName,
      Time: new Date(detail.decidedAt),
      Resources: [],
    };
    return { alertId: detail.alertId, entry, bytes: Buffer.byteLength(entry.Detail as string) + 512, lastError: '' };
  }

  private async backoff(retry: number): Promise<void> {
    const cap = Math.min(this.options.maxDelayMs ?? 2000, (this.options.baseDelayMs ?? 50) * 2 ** retry);
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    await sleep(Math.floor((this.options.random ?? Math.random)() * cap));
  }
}

function chunk(pending: readonly Pending[]): Pending[][] {
  const calls: Pending[][] = [];
  let current: Pending[] = [];
  let bytes = 0;
  for (const p of pending) {
    if (current.length === MAX_ENTRIES || (current.length > 0 && bytes + p.bytes > MAX_CALL_BYTES)) {
      calls.push(current);
      current = [];
      bytes = 0;
    }
    current.push(p);
    bytes += p.bytes;
  }
  if (current.length > 0) calls.push(current);
  return calls;
}
