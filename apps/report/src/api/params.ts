// Report flow, API: query parameter checks shared by the endpoints. Unknown and repeated
// parameters are refused so a typo ("rnage=5m") never silently falls back to a default.
import { BAD_REQUEST_CODES, BadRequestError } from '../errors';

/**
 * Refuses parameters outside `allowed` and parameters given more than once.
 *
 * @throws BadRequestError naming the parameter.
 */
export function checkParameters(query: URLSearchParams, allowed: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of query.keys()) {
    if (!allowed.includes(name)) {
      const hint = allowed.length > 0 ? `; allowed: ${allowed.join(', ')}` : '; this endpoint takes none';
      throw new BadRequestError(
        BAD_REQUEST_CODES.unknownParameter,
        name.slice(0, 100),
        `unknown parameter "${name.slice(0, 100)}"${hint}`,
      );
    }
    if (seen.has(name))
      throw new BadRequestError(
        BAD_REQUEST_CODES.repeatedParameter,
        name,
        `parameter "${name}" is given more than once`,
      );
    seen.add(name);
  }
}

/** Bounds of a `limit` parameter. */
export interface LimitBounds {
  readonly fallback: number;
  readonly max: number;
}

/**
 * The `limit` parameter: a decimal integer in 1..max, or the fallback when absent.
 *
 * @throws BadRequestError (INVALID_LIMIT, parameter "limit").
 */
export function parseLimit(query: URLSearchParams, bounds: LimitBounds): number {
  const raw = query.get('limit');
  if (raw === null) return bounds.fallback;
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= bounds.max)) {
    throw new BadRequestError(
      BAD_REQUEST_CODES.invalidLimit,
      'limit',
      `limit must be an integer from 1 to ${bounds.max}, got "${raw.slice(0, 40)}"`,
    );
  }
  return n;
}

/** Orders of the trend table. */
export const SORT_ORDERS = ['count', 'rising'] as const;

/** A trend table order. */
export type SortOrder = (typeof SORT_ORDERS)[number];

/**
 * The `sort` parameter (default "count").
 *
 * @throws BadRequestError (INVALID_SORT, parameter "sort").
 */
export function parseSort(query: URLSearchParams): SortOrder {
  const raw = query.get('sort');
  if (raw === null) return 'count';
  const found = SORT_ORDERS.find((s) => s === raw);
  if (!found)
    throw new BadRequestError(
      BAD_REQUEST_CODES.invalidSort,
      'sort',
      `sort must be one of ${SORT_ORDERS.join(', ')}, got "${raw.slice(0, 40)}"`,
    );
  return found;
}
