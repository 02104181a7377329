// Opaque pagination cursors: base64url of the query's LastEvaluatedKey, checked on the way back
// so a cursor of one partition cannot be replayed against another.
import { InvalidCursorError, type ItemKey } from './errors';

/** Encodes a LastEvaluatedKey (pk/sk) as an opaque cursor. */
export function encodeCursor(key: ItemKey): string {
  return Buffer.from(JSON.stringify({ pk: key.pk, sk: key.sk }), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor; throws InvalidCursorError when it is malformed or, with `expectedPk`,
 * when it belongs to another partition.
 */
export function decodeCursor(cursor: string, expectedPk?: string): ItemKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(cursor, 'is not a cursor returned by this API');
  }
  const key = parsed as Partial<ItemKey> | null;
  if (typeof key?.pk !== 'string' || typeof key.sk !== 'string')
    throw new InvalidCursorError(cursor, 'is not a cursor returned by this API');
  if (expectedPk !== undefined && key.pk !== expectedPk)
    throw new InvalidCursorError(cursor, 'belongs to a different query');
  return { pk: key.pk, sk: key.sk };
}

/** A page of results with the cursor of the next page (absent on the last page). */
export interface Page<T> {
  readonly items: T[];
  readonly cursor?: string;
}

/** Page size bounds shared by every list/query method. */
export function resolveLimit(limit: number | undefined, fallback: number, max: number): number {
  const n = limit ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new RangeError(`limit must be an integer in 1..${max}, got ${String(limit)}`);
  return n;
}
