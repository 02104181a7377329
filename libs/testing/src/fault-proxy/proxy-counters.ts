// Tallies of what the fault proxy saw, forwarded and injected, for assertions and chaos reports.
import type { ProxyFaultKind } from './proxy-rules';

/** One injected fault, in the order the proxy decided them. */
export interface FaultProxyInjection {
  /** 1-based number of the request among all requests the proxy received. */
  readonly request: number;
  /** The X-Amz-Target operation, e.g. "BatchWriteItem". */
  readonly operation: string;
  readonly kind: ProxyFaultKind;
  /** Index of the rule that fired. */
  readonly rule: number;
  /** Entries held back or failed (partial faults), else 0. */
  readonly entries: number;
}

/** A snapshot of the proxy's counters. */
export interface FaultProxyCounts {
  /** Requests received. */
  readonly requests: number;
  /** Requests sent on to the emulator, whole or reduced (an injected error or unapplied timeout sends none). */
  readonly forwarded: number;
  /** Requests answered 502 because the emulator could not be reached or broke the connection. */
  readonly upstreamErrors: number;
  /** Injections per kind. */
  readonly byKind: Readonly<Record<ProxyFaultKind, number>>;
  /** Injections per operation and kind, e.g. { PutItem: { error: 2 } }. */
  readonly byOperation: Readonly<Record<string, Readonly<Partial<Record<ProxyFaultKind, number>>>>>;
  /** Entries reported as UnprocessedItems / UnprocessedKeys. */
  readonly unprocessedEntries: number;
  /** PutRecords entries failed. */
  readonly failedRecordEntries: number;
}

/** Mutable counters behind `FaultProxy.counts()` and `injections()`. */
export class ProxyCounters {
  private requests = 0;
  private forwarded = 0;
  private upstreamErrors = 0;
  private unprocessedEntries = 0;
  private failedRecordEntries = 0;
  private readonly byKind: Record<ProxyFaultKind, number> = {
    error: 0,
    unprocessedItems: 0,
    failedRecords: 0,
    timeout: 0,
    delay: 0,
  };
  private readonly byOperation: Record<string, Partial<Record<ProxyFaultKind, number>>> = {};
  private readonly log: FaultProxyInjection[] = [];

  /** Counts a received request and returns its 1-based number. */
  received(): number {
    return ++this.requests;
  }

  sent(): void {
    this.forwarded++;
  }

  upstreamFailed(): void {
    this.upstreamErrors++;
  }

  injected(injection: FaultProxyInjection): void {
    this.log.push(injection);
    this.byKind[injection.kind]++;
    const perOperation = (this.byOperation[injection.operation] ??= {});
    perOperation[injection.kind] = (perOperation[injection.kind] ?? 0) + 1;
    if (injection.kind === 'unprocessedItems') this.unprocessedEntries += injection.entries;
    if (injection.kind === 'failedRecords') this.failedRecordEntries += injection.entries;
  }

  snapshot(): FaultProxyCounts {
    return {
      requests: this.requests,
      forwarded: this.forwarded,
      upstreamErrors: this.upstreamErrors,
      byKind: { ...this.byKind },
      byOperation: Object.fromEntries(Object.entries(this.byOperation).map(([op, kinds]) => [op, { ...kinds }])),
      unprocessedEntries: this.unprocessedEntries,
      failedRecordEntries: this.failedRecordEntries,
    };
  }

  injections(): readonly FaultProxyInjection[] {
    return [...this.log];
  }
}
