// Aggregator flow: tumbling-window invoke → restore state → fold the batch (each post id once)
// → on the final invoke write one deterministic row per (window, shard, part) → return the state.
import {
  restoreWindowState,
  serialiseWindowState,
  toWindowAggregate,
  windowStateJsonBytes,
  type WindowState,
} from '@streamlens/analytics';
import type { TrendsRepository } from '@streamlens/repositories';
import { AGGREGATOR_METRICS } from './constants';
import { WindowWriteError } from './errors';
import { foldRecords, type FoldTally } from './fold-records';
import { partNumber } from './part-number';
import type { Clock, KinesisWindowEvent, LogSink, MetricsSink, WindowResponse } from './types';
import { readWindowInvoke, type WindowInvoke } from './window-invoke';

/** What the window handler needs. */
export interface WindowHandlerDeps {
  readonly trends: TrendsRepository;
  readonly metrics: MetricsSink;
  readonly logger: LogSink;
  /** Default: Date.now. */
  readonly clock?: Clock;
  /** K of the top-K hashtag counter of a new window state (default: the analytics lib's). */
  readonly hashtagCapacity?: number;
}

/** Processes one tumbling-window invoke. */
export type WindowHandler = (event: KinesisWindowEvent) => Promise<WindowResponse>;

const systemClock: Clock = { now: () => Date.now() };

/**
 * Builds the handler of the aggregator's tumbling-window invokes. Every invoke folds its
 * records into the state it was given and returns `{ state, batchItemFailures: [] }`; a final
 * invoke (or one that ends the window early) also writes the part's row. A failed write
 * throws {@link WindowWriteError}: a function error is the one failure signal that works with
 * or without ReportBatchItemFailures (a final invoke has no record to name), and Lambda retries
 * the final invoke until it succeeds.
 *
 * @example
 * ```ts
 * const handle = makeWindowHandler({ trends: new DynamoTrendsRepository({ client, tableName, ttlDays: 7 }), metrics, logger });
 * const { state } = await handle(event);
 * ```
 */
export function makeWindowHandler(deps: WindowHandlerDeps): WindowHandler {
  const clock = deps.clock ?? systemClock;
  const capacity = deps.hashtagCapacity === undefined ? {} : { hashtagCapacity: deps.hashtagCapacity };
  return async (event) => {
    const invoke = readWindowInvoke(event);
    const state = restoreWindowState(event.state, capacity);
    const tally = foldRecords(state, invoke.records);
    report(deps, invoke, tally);
    if (invoke.isFinal || invoke.endedEarly) await writePart(deps, clock, invoke, state);
    // serialiseWindowState writes the ids folded by this invoke into the state's seen-set.
    const out = serialiseWindowState(state);
    deps.metrics.addMetric(AGGREGATOR_METRICS.stateBytes, 'Bytes', windowStateJsonBytes(out));
    return { state: out as unknown as Record<string, unknown>, batchItemFailures: [] };
  };
}

function report(deps: WindowHandlerDeps, invoke: WindowInvoke, tally: FoldTally): void {
  deps.metrics.addMetric(AGGREGATOR_METRICS.recordsFolded, 'Count', tally.folded);
  deps.metrics.addMetric(AGGREGATOR_METRICS.poisonSkipped, 'Count', tally.poison);
  deps.metrics.addMetric(AGGREGATOR_METRICS.duplicatesSkipped, 'Count', tally.duplicates);
  if (tally.duplicates > 0) {
    // At-least-once delivery makes duplicates normal: info, not a warning.
    deps.logger.info('duplicate records skipped (post id already counted in this window part)', {
      shardId: invoke.shardId,
      windowStart: invoke.windowStart,
      duplicates: tally.duplicates,
      firstSequenceNumber: tally.firstDuplicateSequenceNumber,
    });
  }
  if (tally.poison > 0) {
    deps.logger.warn('poison records skipped (counted in the window row)', {
      shardId: invoke.shardId,
      windowStart: invoke.windowStart,
      poison: tally.poison,
      reasons: { ...tally.poisonReasons },
      firstSequenceNumber: tally.firstPoisonSequenceNumber,
    });
  }
}

async function writePart(
  deps: WindowHandlerDeps,
  clock: Clock,
  invoke: WindowInvoke,
  state: WindowState,
): Promise<void> {
  const where = { windowStart: invoke.windowStart, shardId: invoke.shardId, endedEarly: invoke.endedEarly };
  // Nothing folded (e.g. the continuation of an early-ended window got no records): a row of
  // zeros adds nothing to any merge, so none is written.
  if (state.postCount === 0 && state.poisonCount === 0) {
    deps.logger.info('empty window part: no row written', where);
    return;
  }
  const part = partNumber(state, invoke, invoke.endedEarly);
  const row = toWindowAggregate(state, {
    windowStart: invoke.windowStart,
    windowEnd: invoke.windowEnd,
    shardId: invoke.shardId,
    part,
  });
  try {
    await deps.trends.putWindow(row);
  } catch (cause) {
    const error = new WindowWriteError(invoke.windowStart, invoke.shardId, part, { cause });
    deps.logger.error(error.message, { ...where, part, error: cause instanceof Error ? cause.name : String(cause) });
    throw error;
  }
  const lagMs = clock.now() - invoke.endMs;
  deps.metrics.addMetric(AGGREGATOR_METRICS.rowsWritten, 'Count', 1);
  deps.metrics.addMetric(AGGREGATOR_METRICS.windowLag, 'Milliseconds', lagMs);
  deps.logger.info('window row written', {
    ...where,
    part,
    postCount: row.postCount,
    poisonCount: row.poisonCount,
    duplicates: row.duplicates,
    hashtags: Object.keys(row.hashtags).length,
    lagMs,
  });
}
