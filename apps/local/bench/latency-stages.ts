// e2e benchmark: a stored post's produce → stored latency split into the stages it went through,
// from its own timestamps and the consumer invoke that stored it. Pure.
import type { InvokeSpan } from './invoke-timings';
import { percentile } from './load-step';

/** A stored post's timestamps (epoch ms). */
export interface StagedPost {
  /** Handed to the producer (the benchmark's clock). */
  readonly producedAt: number;
  /** Kinesis approximateArrivalTimestamp of its record (the emulator's clock, same machine). */
  readonly arrivedAt: number;
  /** The consumer batch's start, stored with the post (the function's clock). */
  readonly ingestedAt: number;
  /** `shardId:sequenceNumber` of its Kinesis record (Lambda's eventID). */
  readonly eventId: string;
}

/** The stages, in order; their sum is produce → stored. */
export const STAGES = {
  producer: 'producer buffer and PutRecords: handed to the producer → Kinesis arrival',
  beforeInvoke:
    'in the stream until invoked: arrival → invoke start (poll interval, read debt, batching window, the shard’s previous batch)',
  invoke: 'invoke start → handler start (sandbox, event transfer)',
  handler: 'handler start → invoke end (decode, enrich, DynamoDB writes)',
  total: 'produce → stored (invoke end)',
} as const;

/** A stage's name. */
export type StageName = keyof typeof STAGES;

/** Distribution of one stage, ms. */
export interface StageFigures {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Stages of a step, and the shape of the invokes that stored its posts. */
export interface StageBreakdown {
  readonly stages: Record<StageName, StageFigures>;
  /** Posts stored by one consumer invoke (of the invokes that stored this step's posts). */
  readonly postsPerInvoke: StageFigures;
  readonly recordsPerInvoke: StageFigures;
  /** Posts whose storing invoke was not found (not timed): left out of the stages. */
  readonly unmatched: number;
}

function figures(values: number[]): StageFigures {
  const sorted = values.sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/**
 * Splits each post's latency at its arrival, its storing invoke's start, its handler start
 * (ingestedAt) and the invoke's end. The storing invoke is the one that carried its record and
 * was running at its ingestedAt (a retried record has several).
 *
 * @example
 * ```ts
 * const b = stageBreakdown(stored, (id) => timings.spansOf(id));
 * b.stages.beforeInvoke.p99; // ms
 * ```
 */
export function stageBreakdown(
  posts: readonly StagedPost[],
  spansOf: (eventId: string) => readonly InvokeSpan[],
): StageBreakdown {
  const values: Record<StageName, number[]> = { producer: [], beforeInvoke: [], invoke: [], handler: [], total: [] };
  const perInvoke = new Map<InvokeSpan, number>();
  let unmatched = 0;
  for (const p of posts) {
    const span = spansOf(p.eventId).find((s) => s.startMs <= p.ingestedAt && p.ingestedAt <= s.endMs);
    if (!span) {
      unmatched++;
      continue;
    }
    perInvoke.set(span, (perInvoke.get(span) ?? 0) + 1);
    values.producer.push(p.arrivedAt - p.producedAt);
    values.beforeInvoke.push(span.startMs - p.arrivedAt);
    values.invoke.push(p.ingestedAt - span.startMs);
    values.handler.push(span.endMs - p.ingestedAt);
    values.total.push(span.endMs - p.producedAt);
  }
  return {
    stages: {
      producer: figures(values.producer),
      beforeInvoke: figures(values.beforeInvoke),
      invoke: figures(values.invoke),
      handler: figures(values.handler),
      total: figures(values.total),
    },
    postsPerInvoke: figures([...perInvoke.values()]),
    recordsPerInvoke: figures([...perInvoke.keys()].map((s) => s.records)),
    unmatched,
  };
}
