// Alerts flow: trend rows around a window → readiness → the window's alerts, each with its
// deterministic id. Pure: the function and the chaos ledger both call it.
import {
  ALERT_KINDS,
  ALERT_SCHEMA_VERSION,
  alertId,
  type AlertKind,
  type TrendAlertDetail,
} from '@streamlens/alert-events';
import type { AlertThresholds } from '@streamlens/config';
import type { WindowAggregate } from '@streamlens/schemas';
import { InvalidAlertInputError } from './errors';
import { windowReadiness, type Readiness } from './readiness';
import { newEntrantHits, risingHits, sentimentSwingHits, type RuleHit } from './rules';
import { sliceWindows, type WindowSlice } from './window-slices';

/** An alert as decided, before it is stamped with the time it was first decided. */
export type AlertDecision = TrendAlertDetail extends infer D
  ? D extends unknown
    ? Omit<D, 'decidedAt'>
    : never
  : never;

/** Input of {@link decideWindow}. */
export interface DecideWindowInput {
  /** Start (ISO, as in the rows) of the window to decide. */
  readonly windowStart: string;
  /**
   * Rows of the window, of its baseline windows and of any later windows (those tell that a
   * quiet shard has moved on). Rows outside the baseline range are ignored for the baseline.
   */
  readonly rows: readonly WindowAggregate[];
  readonly thresholds: AlertThresholds;
  readonly nowMs: number;
}

/** The verdict on one window. */
export interface WindowDecision {
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly readiness: Readiness;
  /** Sorted by kind, then hashtag; empty while the window is not ready. */
  readonly alerts: readonly AlertDecision[];
}

/**
 * Decides one window: nothing while it is not ready ({@link windowReadiness}); otherwise every
 * enabled rule over the merged window against the baseline windows with rows among the
 * `baseline.windows` windows before it, provided at least `baseline.minWindows` of them have rows.
 *
 * @throws InvalidAlertInputError when no row belongs to `windowStart`.
 * @example
 * ```ts
 * const { alerts } = decideWindow({ windowStart, rows: await trends.queryWindows(from, to), thresholds, nowMs: Date.now() });
 * ```
 */
export function decideWindow(input: DecideWindowInput): WindowDecision {
  const slices = sliceWindows(input.rows);
  const window = slices.find((s) => s.windowStart === input.windowStart);
  if (!window) throw new InvalidAlertInputError(`no trend row of window ${JSON.stringify(input.windowStart)}`);
  const t = input.thresholds;
  const readiness = windowReadiness({ window, slices, nowMs: input.nowMs, settleMs: t.settleSeconds * 1000 });
  const decision = { windowStart: window.windowStart, windowEnd: window.windowEnd, readiness };
  if (!readiness.ready) return { ...decision, alerts: [] };
  const baseline = baselineOf(window, slices, t.baseline.windows);
  if (baseline.length < t.baseline.minWindows) return { ...decision, alerts: [] };
  const now = window.merged;
  const past = baseline.map((s) => s.merged);
  const basis = {
    shards: now.shardIds,
    baselineWindows: baseline.length,
    complete: readiness.complete,
  };
  const hits: Array<[AlertKind, RuleHit<unknown>[]]> = [
    ['rising', t.rising.enabled ? risingHits(now, past, t) : []],
    ['new-entrant', t.newEntrant.enabled ? newEntrantHits(now, past, t) : []],
    ['sentiment-swing', t.sentimentSwing.enabled ? sentimentSwingHits(now, past, t) : []],
  ];
  const alerts = hits.flatMap(([kind, list]) =>
    [...list]
      .sort((a, b) => (a.hashtag === b.hashtag ? 0 : a.hashtag < b.hashtag ? -1 : 1))
      .map(
        (hit) =>
          ({
            schemaVersion: ALERT_SCHEMA_VERSION,
            alertId: alertId(window.windowStart, kind, hit.hashtag),
            kind,
            hashtag: hit.hashtag,
            window: { start: window.windowStart, end: window.windowEnd },
            figures: hit.figures,
            rule: hit.rule,
            basis,
          }) as AlertDecision,
      ),
  );
  alerts.sort((a, b) => ALERT_KINDS.indexOf(a.kind) - ALERT_KINDS.indexOf(b.kind));
  return { ...decision, alerts };
}

/**
 * The range of rows {@link decideWindow} needs for windows starting in [firstStartMs, lastStartMs]:
 * from `windows` windows before the first to one window after `nowMs` (later rows cover quiet shards).
 *
 * @example
 * ```ts
 * const { from, to } = decisionRange({ firstStartMs, lastStartMs, windowMs: 30_000, windows: 10, nowMs: Date.now() });
 * ```
 */
export function decisionRange(input: {
  readonly firstStartMs: number;
  readonly lastStartMs: number;
  readonly windowMs: number;
  readonly windows: number;
  readonly nowMs: number;
}): { from: Date; to: Date } {
  const { firstStartMs, lastStartMs, windowMs, windows, nowMs } = input;
  if (!(windowMs > 0) || !Number.isFinite(firstStartMs) || !(lastStartMs >= firstStartMs)) {
    throw new InvalidAlertInputError('decisionRange: needs firstStartMs ≤ lastStartMs and windowMs > 0');
  }
  return {
    from: new Date(firstStartMs - windows * windowMs),
    to: new Date(Math.max(nowMs, lastStartMs) + 2 * windowMs),
  };
}

/**
 * Stamps a decision with the time it was first decided: the event's `detail`.
 *
 * @example
 * ```ts
 * const detail = toAlertDetail(decision, new Date().toISOString());
 * ```
 */
export function toAlertDetail(decision: AlertDecision, decidedAt: string): TrendAlertDetail {
  return { ...decision, decidedAt } as TrendAlertDetail;
}

// The baseline: windows with rows that start within `windows` window lengths before this one.
function baselineOf(window: WindowSlice, slices: readonly WindowSlice[], windows: number): WindowSlice[] {
  const length = window.endMs - window.startMs;
  const from = window.startMs - windows * length;
  return slices.filter((s) => s.startMs >= from && s.startMs < window.startMs);
}
