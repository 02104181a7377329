// Aggregator flow (final invoke): window state → (this file) part number → row key.
import type { WindowState } from '@streamlens/analytics';
import { MAX_PART } from './constants';

/**
 * The part number of the row a final invoke writes; a pure function of the invoke and its
 * state, so a retried final invoke writes the same key (exactly once in effect).
 *
 * After an early end Lambda continues the window with EMPTY state, so no counter can be
 * carried from part to part. Instead:
 * - a part the window closes normally (`isWindowTerminatedEarly` false) is part 0 — the only
 *   part of nearly every window, and the last part of one that was ended early;
 * - a part ended early is 1 + (its earliest arrival − window start) in ms, clamped to the
 *   window (≤ 900,000 for the longest, 900 s, window; the key holds 6 digits). Two early parts
 *   collide only if their earliest posts arrived in the same millisecond, which would need
 *   over 1 MB of state from one millisecond of one shard's (1 MB/s) input.
 *
 * @example
 * ```ts
 * partNumber(state, { startMs: 0, endMs: 30_000 }, false); // 0
 * partNumber({ ...state, firstArrivalAt: 1_234 }, { startMs: 0, endMs: 30_000 }, true); // 1235
 * ```
 */
export function partNumber(
  state: Pick<WindowState, 'firstArrivalAt'>,
  window: { readonly startMs: number; readonly endMs: number },
  endedEarly: boolean,
): number {
  if (!endedEarly) return 0;
  // A part of poison only has no arrival; it cannot outgrow the state limit either.
  const first = state.firstArrivalAt ?? window.startMs;
  const last = Math.min(window.endMs - window.startMs - 1, MAX_PART - 1);
  const offset = Math.min(Math.max(Math.floor(first - window.startMs), 0), last);
  return 1 + offset;
}
