// The dedupe key of an alert: a pure function of (window start, kind, hashtag).
import { createHash } from 'node:crypto';
import type { AlertKind } from './types';

/**
 * The id of the alert of one (window, hashtag, kind): 32 lower-case hex characters of the
 * SHA-256 of the three, JSON-encoded (so no separator can make two triples collide). Every
 * decider, retry and replay derives the same id, which is what makes "exactly one alert per
 * (window, hashtag, kind)" checkable by counting distinct ids.
 *
 * @example
 * ```ts
 * alertId('2026-12-05T10:00:00.000Z', 'rising', 'nba'); // "3f1c…" (always the same)
 * ```
 */
export function alertId(windowStart: string, kind: AlertKind, hashtag: string): string {
  return createHash('sha256')
    .update(JSON.stringify([windowStart, kind, hashtag]))
    .digest('hex')
    .slice(0, 32);
}
