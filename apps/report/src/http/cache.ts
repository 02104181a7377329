// Report flow, HTTP edge: how long an answer may be reused. Trend data changes when a
// tumbling window closes, so answers live until the next window end.
import type { AuthMode } from '../config';

/** Drill-down posts arrive continuously: cache them briefly. */
export const DRILL_DOWN_MAX_AGE_SECONDS = 5;

/** Seconds from `nowMs` to the next window end: 1..windowSeconds. */
export function secondsToNextWindowEnd(nowMs: number, windowSeconds: number): number {
  const windowMs = windowSeconds * 1000;
  const nextEnd = (Math.floor(nowMs / windowMs) + 1) * windowMs;
  return Math.min(windowSeconds, Math.max(1, Math.ceil((nextEnd - nowMs) / 1000)));
}

/**
 * A Cache-Control value. Behind IAM or a JWT authorizer the answers are access-controlled, so
 * shared caches must not keep them (`private`); only a deliberately public report says `public`.
 *
 * @example
 * ```ts
 * cacheControl('iam', 12); // 'private, max-age=12'
 * ```
 */
export function cacheControl(mode: AuthMode, maxAgeSeconds: number): string {
  return `${mode === 'public' ? 'public' : 'private'}, max-age=${maxAgeSeconds}`;
}
