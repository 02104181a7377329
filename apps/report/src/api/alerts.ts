// Report flow, API: stored trend alerts of a range → newest first, with the latest figures
// (late rows refine an alert; the first figures are what went on the bus) and the link to the
// hashtag's drill-down.
import { ALERT_KINDS, type AlertBasis, type AlertKind, type TrendAlertDetail } from '@streamlens/alert-events';
import type { AlertsRepository, StoredAlert } from '@streamlens/repositories';
import { BAD_REQUEST_CODES, BadRequestError } from '../errors';
import { rangeView, type RangeView, type TimeRange } from './time-range';

/** One alert of the list. */
export interface AlertView {
  /** The dedupe key consumers of the bus see in `detail.alertId`. */
  readonly alertId: string;
  readonly kind: AlertKind;
  readonly hashtag: string;
  readonly window: { readonly start: string; readonly end: string };
  readonly decidedAt: string;
  /** When the bus accepted it; null while it waits to be (re)published. */
  readonly publishedAt: string | null;
  /** The latest figures (refined by late rows, else as published). */
  readonly figures: TrendAlertDetail['figures'];
  readonly basis: AlertBasis;
  /** True when late rows changed the figures after publication. */
  readonly refined: boolean;
  /** Thresholds the decision applied. */
  readonly rule: Readonly<Record<string, number>>;
  /** API path of the hashtag's recent posts. */
  readonly drillDown: string;
}

/** The alert list of a range. */
export interface AlertsReport {
  readonly range: RangeView;
  readonly kind: AlertKind | null;
  /** Newest window first, then kind and hashtag. */
  readonly alerts: AlertView[];
  /** True when more alerts matched than `limit`. */
  readonly truncated: boolean;
}

/** Sizes of the list. */
export const ALERTS_LIMIT = { fallback: 100, max: 1000 } as const;

/**
 * The `kind` parameter: one of the alert kinds, or null (every kind) when absent.
 *
 * @throws BadRequestError (INVALID_KIND, parameter "kind").
 */
export function parseKind(query: URLSearchParams): AlertKind | null {
  const raw = query.get('kind');
  if (raw === null) return null;
  const found = ALERT_KINDS.find((k) => k === raw);
  if (!found) {
    throw new BadRequestError(
      BAD_REQUEST_CODES.invalidKind,
      'kind',
      `kind must be one of ${ALERT_KINDS.join(', ')}, got "${raw.slice(0, 40)}"`,
    );
  }
  return found;
}

/** The view of a stored alert. */
export function alertView(stored: StoredAlert): AlertView {
  const { detail } = stored;
  const latest = stored.refined ?? detail;
  return {
    alertId: detail.alertId,
    kind: detail.kind,
    hashtag: detail.hashtag,
    window: detail.window,
    decidedAt: detail.decidedAt,
    publishedAt: stored.publishedAt ?? null,
    figures: latest.figures,
    basis: latest.basis,
    refined: stored.refined !== undefined,
    rule: detail.rule,
    drillDown: `/api/v1/hashtags/${encodeURIComponent(detail.hashtag)}/posts`,
  };
}

/**
 * The alerts of windows starting in the range, newest first.
 *
 * @example
 * ```ts
 * const report = await alertsReport(alerts, { range, windowSeconds: 30, kind: 'rising', limit: 100 });
 * ```
 */
export async function alertsReport(
  alerts: AlertsRepository,
  options: { range: TimeRange; windowSeconds: number; kind: AlertKind | null; limit: number },
): Promise<AlertsReport> {
  const stored = await alerts.listWindows(options.range.from, options.range.to);
  const matching = stored.filter((a) => options.kind === null || a.detail.kind === options.kind);
  return {
    range: rangeView(options.range, options.windowSeconds),
    kind: options.kind,
    alerts: matching.slice(0, options.limit).map(alertView),
    truncated: matching.length > options.limit,
  };
}
