// The chaos run's verdict on trend alerts: what the final trend rows say should have alerted
// (the same decisions the function makes, on complete windows) against what reached the bus.
// Delivery to the bus is at least once, so the bus is counted by distinct alert id.
import type { TrendAlertDetail } from '@streamlens/alert-events';
import { decideWindow } from '@streamlens/alert-rules';
import type { AlertThresholds } from '@streamlens/config';
import type { WindowAggregate } from '@streamlens/schemas';

/** What the check found, for the run's figures. */
export interface AlertFigures {
  readonly expected: number;
  /** Expected alerts by kind (rising, new-entrant, sentiment-swing). */
  readonly expectedByKind: Readonly<Record<string, number>>;
  readonly distinctOnBus: number;
  /** Expected alerts not (yet) on the bus. */
  readonly missing: number;
  /** Events beyond one per alert id (a republish after a crash or a concurrent decider). */
  readonly redelivered: number;
  /** Alerts decided after the settle time without every shard, which complete data no longer backs. */
  readonly decidedIncompleteOnly: number;
}

/** An alert the run's load is scripted to cause (in some window): its kind and hashtag. */
export interface ScriptedAlert {
  readonly kind: TrendAlertDetail['kind'];
  readonly hashtag: string;
}

const key = (d: Pick<TrendAlertDetail, 'window' | 'kind' | 'hashtag'>) => `${d.window.start} ${d.kind} #${d.hashtag}`;

/**
 * Every alert the final rows call for (windows complete at the end) is on the bus, each key under
 * exactly one alert id, and nothing else is — except alerts marked `basis.complete: false`
 * (decided at the settle time on part of a window; late rows may not back them). A check with
 * nothing to check fails: when the rows call for no alert at all, or for none of a `scripted`
 * alert the load was made to cause.
 *
 * @example
 * ```ts
 * const { mismatches, figures } = checkAlerts(rows, busDetails, config.alerts, [{ kind: 'rising', hashtag: 'x' }]);
 * ```
 */
export function checkAlerts(
  rows: readonly WindowAggregate[],
  onBus: readonly TrendAlertDetail[],
  thresholds: AlertThresholds,
  scripted: readonly ScriptedAlert[] = [],
): { mismatches: string[]; figures: AlertFigures } {
  const expected = new Map<string, string>();
  const expectedByKind: Record<string, number> = {};
  const scriptedSeen = new Set<string>();
  for (const windowStart of new Set(rows.map((r) => r.windowStart))) {
    // nowMs 0: only windows every shard has closed, as the function decides them in a live run.
    const decision = decideWindow({ windowStart, rows, thresholds, nowMs: 0 });
    for (const alert of decision.alerts) {
      expected.set(key(alert), alert.alertId);
      expectedByKind[alert.kind] = (expectedByKind[alert.kind] ?? 0) + 1;
      scriptedSeen.add(`${alert.kind} #${alert.hashtag}`);
    }
  }
  const idsByKey = new Map<string, Set<string>>();
  for (const d of onBus) idsByKey.set(key(d), (idsByKey.get(key(d)) ?? new Set()).add(d.alertId));
  const incomplete = new Set(onBus.filter((d) => !d.basis.complete).map(key));
  const missing = [...expected.keys()].filter((k) => !idsByKey.has(k));
  const extra = [...idsByKey.keys()].filter((k) => !expected.has(k) && !incomplete.has(k));
  const split = [...idsByKey].filter(([, ids]) => ids.size > 1).map(([k]) => k);
  const wrongId = [...expected].filter(([k, id]) => idsByKey.has(k) && !idsByKey.get(k)?.has(id)).map(([k]) => k);
  const mismatches: string[] = [];
  if (expected.size === 0) mismatches.push('alerts: the final rows call for no alert, so the check proves nothing');
  const unscripted = scripted.map((a) => `${a.kind} #${a.hashtag}`).filter((k) => !scriptedSeen.has(k));
  if (unscripted.length)
    mismatches.push(
      `alerts: the load was scripted to cause ${unscripted.join(', ')}, but no window's rows call for it`,
    );
  const list = (items: string[]) => `${items.slice(0, 5).join(', ')}${items.length > 5 ? `, … (${items.length})` : ''}`;
  if (missing.length) mismatches.push(`alerts: ${missing.length} expected but never on the bus: ${list(missing)}`);
  if (extra.length)
    mismatches.push(`alerts: ${extra.length} on the bus that the final rows do not call for: ${list(extra)}`);
  if (split.length) mismatches.push(`alerts: ${split.length} keys published under more than one id: ${list(split)}`);
  if (wrongId.length) mismatches.push(`alerts: ${wrongId.length} published under another id: ${list(wrongId)}`);
  const distinct = new Set(onBus.map((d) => d.alertId)).size;
  return {
    mismatches,
    figures: {
      expected: expected.size,
      expectedByKind,
      distinctOnBus: distinct,
      missing: missing.length,
      redelivered: onBus.length - distinct,
      decidedIncompleteOnly: [...incomplete].filter((k) => !expected.has(k)).length,
    },
  };
}
