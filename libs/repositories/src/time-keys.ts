// Fixed-width time strings for sort keys and TTL arithmetic.
import { InvalidRecordError, RepositoryConfigError } from './errors';

/**
 * Normalises an instant to the 24-character UTC form `YYYY-MM-DDTHH:mm:ss.sssZ`, which sorts
 * lexicographically in time order. Throws InvalidRecordError naming record and field otherwise.
 */
export function fixedIso(value: string, recordId: string, field: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidRecordError(recordId, field, `is not an ISO 8601 instant: "${value}"`);
  const iso = new Date(ms).toISOString();
  if (iso.length !== 24) throw new InvalidRecordError(recordId, field, `is outside years 0000–9999: "${value}"`);
  return iso;
}

const DAY_S = 86_400;

/** DynamoDB TTL value (epoch seconds) `ttlDays` after `fromMs`. */
export function expiresAt(fromMs: number, ttlDays: number): number {
  return Math.floor(fromMs / 1000) + Math.round(ttlDays * DAY_S);
}

/** Validates a ttlDays option (positive number of days). */
export function checkTtlDays(ttlDays: unknown): number {
  if (typeof ttlDays !== 'number' || !Number.isFinite(ttlDays) || ttlDays <= 0) {
    throw new RepositoryConfigError('ttlDays', `must be a positive number of days, got ${String(ttlDays)}`);
  }
  return ttlDays;
}
