// Alerts flow: trends-table stream batch → windows touched (and the recent ones they may have
// completed) → rows read back consistently → decisions (libs/alerts) → each alert claimed in
// the alerts table (conditional write: one per window, kind and hashtag) → pending alerts put
// on the bus → marked published. Late rows refine a stored alert, never publish it twice.
import { decideWindow, decisionRange, toAlertDetail, type AlertDecision } from '@streamlens/alert-rules';
import type { TrendAlertDetail } from '@streamlens/alert-events';
import type { AlertThresholds } from '@streamlens/config';
import type { AlertsRepository, StoredAlert, TrendsRepository } from '@streamlens/repositories';
import { ALERTS_METRICS } from './constants';
import { touchedWindows, type TouchedWindow } from './stream-records';
import type { AlertPublisher, Clock, LogSink, MetricsSink, StreamBatchResponse, TableStreamEvent } from './types';

/** What the alert handler needs. */
export interface AlertHandlerDeps {
  readonly trends: TrendsRepository;
  readonly alerts: AlertsRepository;
  readonly publisher: AlertPublisher;
  readonly thresholds: AlertThresholds;
  readonly windowSeconds: number;
  readonly metrics: MetricsSink;
  readonly logger: LogSink;
  readonly clock?: Clock;
}

/** Processes one batch of the trends table's stream. */
export type AlertHandler = (event: TableStreamEvent) => Promise<StreamBatchResponse>;

/**
 * Builds the handler. Failures are reported per record (ReportBatchItemFailures): the records
 * of a window whose alerts could not all be stored and published, or the batch's first record
 * when the failing window was only revisited — so Lambda retries, and the stored pending alert is
 * published on the retry with the same detail and id. Records that are not window-row changes are
 * skipped with a log line and a metric (a retry could never succeed).
 *
 * @example
 * ```ts
 * const handle = makeAlertHandler({ trends, alerts, publisher, thresholds, windowSeconds: 30, metrics, logger });
 * const { batchItemFailures } = await handle(event);
 * ```
 */
export function makeAlertHandler(deps: AlertHandlerDeps): AlertHandler {
  const clock = deps.clock ?? { now: () => Date.now() };
  const windowMs = deps.windowSeconds * 1000;
  const t = deps.thresholds;
  // Earlier windows a batch may complete (a quiet shard's later row) or time out: up to the settle time.
  const lookback = Math.min(t.baseline.windows, Math.ceil((t.settleSeconds * 1000) / windowMs) + 1);
  return async (event) => {
    const { windows, skipped } = touchedWindows(Array.isArray(event?.Records) ? event.Records : []);
    for (const s of skipped) deps.logger.error('stream record skipped: not a window-row change', { ...s });
    if (skipped.length > 0) deps.metrics.addMetric(ALERTS_METRICS.malformedRecords, 'Count', skipped.length);
    const first = windows[0];
    const last = windows[windows.length - 1];
    if (!first || !last) return { batchItemFailures: [] };
    const nowMs = clock.now();
    const firstCandidateMs = first.startMs - lookback * windowMs;
    const range = decisionRange({
      firstStartMs: firstCandidateMs,
      lastStartMs: last.startMs,
      windowMs,
      windows: t.baseline.windows,
      nowMs,
    });
    let rows;
    let stored: StoredAlert[];
    try {
      [rows, stored] = await Promise.all([
        deps.trends.queryWindows(range.from, range.to),
        deps.alerts.listWindows(new Date(firstCandidateMs), new Date(last.startMs + 1)),
      ]);
    } catch (error) {
      deps.logger.error('reading trends or alerts failed; the batch is retried', { error: describe(error) });
      return fail(windows);
    }
    const byKey = new Map(stored.map((a) => [keyOf(a.detail), a]));
    const touched = new Set(windows.map((w) => w.windowStart));
    const candidates = [...new Set(rows.map((r) => r.windowStart))]
      .filter((s) => Date.parse(s) >= firstCandidateMs && Date.parse(s) <= last.startMs)
      .sort();
    const failedWindows = new Set<string>();
    const toPublish: TrendAlertDetail[] = [];
    for (const windowStart of candidates) {
      const decision = decideWindow({ windowStart, rows, thresholds: t, nowMs });
      if (!decision.readiness.ready) {
        if (touched.has(windowStart)) {
          deps.metrics.addMetric(ALERTS_METRICS.windowsWaiting, 'Count', 1);
          deps.logger.info('window waits for shards', { windowStart, missingShards: decision.readiness.missingShards });
        }
        continue;
      }
      if (!decision.readiness.complete && touched.has(windowStart)) {
        deps.metrics.addMetric(ALERTS_METRICS.windowsIncomplete, 'Count', 1);
        deps.logger.warn('window decided after the settle time without every shard', {
          windowStart,
          missingShards: decision.readiness.missingShards,
        });
      }
      try {
        toPublish.push(...(await settle(deps, decision.alerts, byKey, nowMs)));
      } catch (error) {
        deps.logger.error('storing alerts failed; the window is retried', { windowStart, error: describe(error) });
        failedWindows.add(windowStart);
      }
    }
    for (const w of await publish(deps, toPublish, clock)) failedWindows.add(w);
    if (failedWindows.size === 0) return { batchItemFailures: [] };
    return fail(
      windows.filter((w) => failedWindows.has(w.windowStart)),
      windows,
    );
  };
}

// Claims new alerts, refines published ones whose figures changed; returns those to put on the bus.
async function settle(
  deps: AlertHandlerDeps,
  decisions: readonly AlertDecision[],
  byKey: Map<string, StoredAlert>,
  nowMs: number,
): Promise<TrendAlertDetail[]> {
  const out: TrendAlertDetail[] = [];
  const at = new Date(nowMs).toISOString();
  for (const decision of decisions) {
    const existing = byKey.get(keyOf(decision));
    if (!existing) {
      // Pending whoever created it: a claim whose publish never finished (crash, timeout, a
      // concurrent decider) is published again with the stored detail and the same id.
      const { alert } = await deps.alerts.claim(toAlertDetail(decision, at));
      if (alert.status === 'pending') out.push(alert.detail);
      continue;
    }
    if (existing.status === 'pending') out.push(existing.detail);
    const latest = existing.refined ?? existing.detail;
    if (JSON.stringify([latest.figures, latest.basis]) !== JSON.stringify([decision.figures, decision.basis])) {
      await deps.alerts.refine(decision, { figures: decision.figures, basis: decision.basis, at });
      deps.metrics.addMetric(ALERTS_METRICS.refined, 'Count', 1);
    }
  }
  return out;
}

// Puts the alerts on the bus and marks the accepted ones; returns the windows that failed.
async function publish(deps: AlertHandlerDeps, details: TrendAlertDetail[], clock: Clock): Promise<Set<string>> {
  const failed = new Set<string>();
  if (details.length === 0) return failed;
  const outcomes = await deps.publisher.publish(details);
  const publishedAt = clock.now();
  for (const [i, outcome] of outcomes.entries()) {
    const detail = details[i] as TrendAlertDetail;
    if (!outcome.ok) {
      deps.metrics.addMetric(ALERTS_METRICS.publishFailures, 'Count', 1);
      deps.logger.error('alert not accepted by the bus after retries; the window is retried', {
        alertId: detail.alertId,
        windowStart: detail.window.start,
        error: outcome.error,
      });
      failed.add(detail.window.start);
      continue;
    }
    try {
      await deps.alerts.markPublished(detail, outcome.eventId, new Date(publishedAt).toISOString());
    } catch (error) {
      // On the bus already: a retry republishes it (same id; consumers dedupe).
      deps.logger.error('marking an alert published failed', { alertId: detail.alertId, error: describe(error) });
      failed.add(detail.window.start);
    }
    deps.metrics.addMetric(ALERTS_METRICS.published, 'Count', 1);
    deps.metrics.addMetric(ALERTS_METRICS.latency, 'Milliseconds', publishedAt - Date.parse(detail.window.end));
    deps.logger.info('alert published', {
      alertId: detail.alertId,
      kind: detail.kind,
      hashtag: detail.hashtag,
      windowStart: detail.window.start,
      eventId: outcome.eventId,
    });
  }
  return failed;
}

// The records of the failed windows; when only revisited windows failed, the batch's first
// record, so the whole batch (and with it the revisit) is retried.
function fail(failed: readonly TouchedWindow[], all: readonly TouchedWindow[] = failed): StreamBatchResponse {
  const records = failed.length > 0 ? failed : all.slice(0, 1);
  return { batchItemFailures: records.flatMap((w) => w.sequenceNumbers).map((itemIdentifier) => ({ itemIdentifier })) };
}

function keyOf(a: Pick<TrendAlertDetail, 'window' | 'kind' | 'hashtag'>): string {
  return JSON.stringify([a.window.start, a.kind, a.hashtag]);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
