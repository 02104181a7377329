// Test helpers: a window handler over the in-memory trends repository, and a runner that
// passes each invoke's state to the next through JSON, as Lambda does.
import { InMemoryTrendsRepository } from '@streamlens/repositories/testing';
import type { KinesisWindowEvent } from '../../src/types';
import { makeWindowHandler, type WindowHandler } from '../../src/window-handler';
import { FlakyTrendsRepository } from './flaky-trends';
import { RecordedLogs, RecordedMetrics, WINDOW_START_MS } from './window-events';

/** The clock of the handler: 1.5 s after the end of the 30-second test window. */
export const NOW = WINDOW_START_MS + 31_500;

/** A handler with in-memory trends (the first `failures` writes fail), recorded metrics and logs. */
export function setup(options: { failures?: number; hashtagCapacity?: number } = {}) {
  const memory = new InMemoryTrendsRepository({ ttlDays: 7 });
  const trends = new FlakyTrendsRepository(memory, options.failures ?? 0);
  const metrics = new RecordedMetrics();
  const logs = new RecordedLogs();
  const handle = makeWindowHandler({
    trends,
    metrics,
    logger: logs,
    clock: { now: () => NOW },
    ...(options.hashtagCapacity ? { hashtagCapacity: options.hashtagCapacity } : {}),
  });
  const rows = () => memory.queryWindows(new Date(WINDOW_START_MS), new Date(WINDOW_START_MS + 30_000));
  return { memory, trends, metrics, logs, handle, rows };
}

/** Runs invokes in order, passing each returned state to the next (as Lambda does, via JSON). */
export async function run(
  handle: WindowHandler,
  events: readonly KinesisWindowEvent[],
  initial: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  let state = initial;
  for (const e of events) {
    const response = await handle({ ...e, state: JSON.parse(JSON.stringify(state)) as Record<string, unknown> });
    state = response.state;
  }
  return state;
}
