// Alerts table layout (pure): one item per (window, kind, hashtag).
//   ALERTS#<yyyy-mm-dd of window start> / <window start ISO>#<kind>#<hashtag>
// The detail is stored as JSON text (any hashtag survives as a key-free string) exactly as it
// was first decided, so a republish after a crash sends the same event.
import type { AlertBasis, TrendAlertDetail } from '@streamlens/alert-events';
import { InvalidRecordError, type ItemKey } from './errors';
import { expiresAt, fixedIso } from './time-keys';

/** Status of a stored alert: claimed (maybe not on the bus yet) or acknowledged by the bus. */
export type AlertStatus = 'pending' | 'published';

/** What identifies an alert: its window, kind and hashtag. */
export type AlertKey = Pick<TrendAlertDetail, 'window' | 'kind' | 'hashtag'>;

/** A later decision's figures for an alert already decided (late rows refine, never duplicate). */
export interface AlertRefinement {
  readonly figures: TrendAlertDetail['figures'];
  readonly basis: AlertBasis;
  /** When the refinement was decided (ISO 8601). */
  readonly at: string;
}

/** An alert as stored. */
export interface StoredAlert {
  /** The detail as first decided: what was (or will be) put on the bus. */
  readonly detail: TrendAlertDetail;
  readonly status: AlertStatus;
  /** When the bus acknowledged it, and the event id it gave (the last one, after a republish). */
  readonly publishedAt?: string;
  readonly eventId?: string;
  /** The latest figures when late rows changed them; absent while the first decision stands. */
  readonly refined?: AlertRefinement;
}

const PREFIX = 'ALERTS#';

/** Key of an alert item. */
export function alertKey(key: AlertKey): ItemKey {
  const id = `${key.window.start}/${key.kind}/${key.hashtag}`;
  const start = fixedIso(key.window.start, id, 'window.start');
  if (typeof key.hashtag !== 'string' || key.hashtag.length === 0) {
    throw new InvalidRecordError(id, 'hashtag', 'must be a non-empty string');
  }
  return { pk: alertPartition(start), sk: `${start}#${key.kind}#${key.hashtag}` };
}

/** Day partition of alerts whose window starts at `iso`. */
export function alertPartition(iso: string): string {
  return `${PREFIX}${iso.slice(0, 10)}`;
}

/** A new (pending) alert item; it expires `ttlDays` after its window end. */
export function alertItem(detail: TrendAlertDetail, ttlDays: number): Record<string, unknown> {
  const key = alertKey(detail);
  const end = fixedIso(detail.window.end, key.sk, 'window.end');
  return {
    ...key,
    alertId: detail.alertId,
    kind: detail.kind,
    hashtag: detail.hashtag,
    windowStart: key.sk.slice(0, 24),
    status: 'pending' satisfies AlertStatus,
    detailJson: JSON.stringify(detail),
    expiresAt: expiresAt(Date.parse(end), ttlDays),
  };
}

/** The alert of a stored item. */
export function alertFromItem(item: Readonly<Record<string, unknown>>): StoredAlert {
  const detail = JSON.parse(String(item['detailJson'])) as TrendAlertDetail;
  return {
    detail,
    status: item['status'] === 'published' ? 'published' : 'pending',
    ...(typeof item['publishedAt'] === 'string' ? { publishedAt: item['publishedAt'] } : {}),
    ...(typeof item['eventId'] === 'string' ? { eventId: item['eventId'] } : {}),
    ...(typeof item['refinedJson'] === 'string' ? { refined: JSON.parse(item['refinedJson']) as AlertRefinement } : {}),
  };
}

/** Newest window first, then kind and hashtag (the sort key's order, reversed). */
export function compareAlertsNewestFirst(a: StoredAlert, b: StoredAlert): number {
  const x = alertKey(a.detail).sk;
  const y = alertKey(b.detail).sk;
  return x === y ? 0 : x < y ? 1 : -1;
}
