// Load CLI, step 2: offer the synthetic stream at the requested rate (with spikes) through the
// producer, report progress every second and return a summary.
import {
  recordsBetween,
  type PendingPut,
  type ProducerMetricsSnapshot,
  type RateSpike,
  type SyntheticRecord,
  type UserRecord,
} from '@streamlens/kinesis';
import { causeOf } from './check-stream';

/** The producer as the load run uses it. */
export interface LoadProducer {
  enqueue(record: UserRecord): Promise<PendingPut>;
  flush(): Promise<void>;
  metrics(): ProducerMetricsSnapshot;
}

/** Dependencies and settings of a run. */
export interface LoadRun {
  readonly producer: LoadProducer;
  readonly source: { next(atMs: number): SyntheticRecord };
  readonly rate: number;
  readonly durationSec: number;
  readonly spikes: readonly RateSpike[];
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: (line: string) => void;
  /** Pacing tick; default 10 ms. */
  readonly tickMs?: number;
}

/** Outcome of a run. */
export interface LoadSummary {
  readonly elapsedSec: number;
  /** Records the rate asked for. */
  readonly target: number;
  /** Records handed to the producer. */
  readonly offered: number;
  readonly put: number;
  readonly failed: number;
  readonly failuresByError: Readonly<Record<string, number>>;
  readonly poisonByKind: Readonly<Record<string, number>>;
  readonly putPerSecond: number;
  readonly metrics: ProducerMetricsSnapshot;
}

/**
 * Runs the load and resolves when every offered record has settled.
 *
 * @example
 * ```ts
 * const summary = await runLoad({ producer, source: new SyntheticSocialStream({ seed: 1 }), rate: 5000, durationSec: 60, spikes: [], now: Date.now, sleep, log: console.log });
 * ```
 */
export async function runLoad(run: LoadRun): Promise<LoadSummary> {
  const tick = run.tickMs ?? 10;
  const start = run.now();
  const end = start + run.durationSec * 1000;
  let target = 0;
  let offered = 0;
  let put = 0;
  let failed = 0;
  const failuresByError: Record<string, number> = {};
  const poisonByKind: Record<string, number> = {};
  const fail = (err: unknown) => {
    failed++;
    // The error's name and its cause ("ProducerError: connect ECONNREFUSED …"), not the name alone.
    const name = err instanceof Error ? err.name : 'Error';
    const key = (err as { cause?: unknown })?.cause !== undefined ? `${name}: ${causeOf(err)}` : name;
    failuresByError[key] = (failuresByError[key] ?? 0) + 1;
  };
  let last = start;
  let nextReport = start + 1000;
  let lastPut = 0;
  for (;;) {
    // Clamped to the end, so the last interval counts even when a tick ran late.
    const now = Math.min(run.now(), end);
    target += recordsBetween((last - start) / 1000, (now - start) / 1000, run.rate, run.spikes);
    last = now;
    while (offered < Math.floor(target)) {
      const record = run.source.next(run.now());
      if (record.poison) poisonByKind[record.poison] = (poisonByKind[record.poison] ?? 0) + 1;
      offered++;
      try {
        const { result } = await run.producer.enqueue(record);
        result.then(() => put++, fail);
      } catch (err) {
        fail(err);
      }
    }
    if (now >= nextReport) {
      const m = run.producer.metrics();
      run.log(
        `[${((now - start) / 1000).toFixed(0)}s] offered ${offered} (target ${Math.floor(target)}), put ${put} (+${put - lastPut}), ` +
          `failed ${failed}, pending ${m.UserRecordsPending}, ${m.UserRecordsPerKinesisRecord.toFixed(1)} posts/Kinesis record`,
      );
      lastPut = put;
      nextReport = Math.max(nextReport + 1000, now + 1);
    }
    if (now >= end) break;
    await run.sleep(tick);
  }
  await run.producer.flush();
  const elapsedSec = (run.now() - start) / 1000;
  return {
    elapsedSec,
    target: Math.floor(target),
    offered,
    put,
    failed,
    failuresByError,
    poisonByKind,
    putPerSecond: put / elapsedSec,
    metrics: run.producer.metrics(),
  };
}
