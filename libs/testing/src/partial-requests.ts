// Pure request splitting and response merging for partial-failure faults. The middleware sends
// the kept part to the real emulator and folds the held-back part into the response, so the
// caller sees exactly what AWS would return for a partially processed call.
import type { Rng } from './prng';

/** Picks max(1, round(fraction × n)) distinct indexes of 0..n-1 (none when n is 0). */
export function pickIndexes(n: number, fraction: number, rng: Rng): Set<number> {
  if (n === 0) return new Set();
  const count = Math.min(n, Math.max(1, Math.round(fraction * n)));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return new Set(order.slice(0, count));
}

type Grouped<T> = Record<string, T[]>;

/** Splits BatchWriteItem RequestItems into the part to send and the part held back. */
export function splitWriteRequests<T>(
  requestItems: Grouped<T>,
  fraction: number,
  rng: Rng,
): { send: Grouped<T>; held: Grouped<T>; heldCount: number } {
  const flat = Object.entries(requestItems).flatMap(([table, list]) => list.map((entry) => ({ table, entry })));
  const heldIdx = pickIndexes(flat.length, fraction, rng);
  const send: Grouped<T> = {};
  const held: Grouped<T> = {};
  flat.forEach(({ table, entry }, i) => {
    const target = heldIdx.has(i) ? held : send;
    (target[table] ??= []).push(entry);
  });
  return { send, held, heldCount: heldIdx.size };
}

/** Adds held-back entries to a response's UnprocessedItems map. */
export function mergeGrouped<T>(base: Grouped<T> | undefined, extra: Grouped<T>): Grouped<T> {
  const out: Grouped<T> = {};
  for (const [table, list] of Object.entries(base ?? {})) out[table] = [...list];
  for (const [table, list] of Object.entries(extra)) out[table] = [...(out[table] ?? []), ...list];
  return out;
}

/** A BatchGetItem per-table request: Keys plus projection options. */
export interface KeysAndAttributes<K> {
  Keys?: K[];
  [option: string]: unknown;
}

/** Splits BatchGetItem RequestItems keys into the part to send and the part held back. */
export function splitGetRequests<K>(
  requestItems: Record<string, KeysAndAttributes<K>>,
  fraction: number,
  rng: Rng,
): { send: Record<string, KeysAndAttributes<K>>; held: Record<string, KeysAndAttributes<K>>; heldCount: number } {
  const keys: Grouped<K> = {};
  for (const [table, spec] of Object.entries(requestItems)) keys[table] = spec.Keys ?? [];
  const split = splitWriteRequests(keys, fraction, rng);
  const rebuild = (part: Grouped<K>) =>
    Object.fromEntries(Object.entries(part).map(([table, list]) => [table, { ...requestItems[table], Keys: list }]));
  return { send: rebuild(split.send), held: rebuild(split.held), heldCount: split.heldCount };
}

/** Merges held-back keys into a response's UnprocessedKeys map. */
export function mergeUnprocessedKeys<K>(
  base: Record<string, KeysAndAttributes<K>> | undefined,
  extra: Record<string, KeysAndAttributes<K>>,
): Record<string, KeysAndAttributes<K>> {
  const out: Record<string, KeysAndAttributes<K>> = { ...(base ?? {}) };
  for (const [table, spec] of Object.entries(extra)) {
    const prior = out[table];
    out[table] = { ...spec, Keys: [...(prior?.Keys ?? []), ...(spec.Keys ?? [])] };
  }
  return out;
}

/** A PutRecords result entry. */
export interface PutRecordsResultEntry {
  SequenceNumber?: string;
  ShardId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

/** Rebuilds the per-entry results in the original order: failed entries at `failed`, sent ones in order. */
export function mergePutRecordsResults(
  total: number,
  failed: ReadonlyMap<number, string>,
  sentResults: readonly PutRecordsResultEntry[],
): { Records: PutRecordsResultEntry[]; FailedRecordCount: number } {
  const records: PutRecordsResultEntry[] = [];
  let next = 0;
  let failedCount = 0;
  for (let i = 0; i < total; i++) {
    const code = failed.get(i);
    const entry = code
      ? { ErrorCode: code, ErrorMessage: `injected fault: ${code}` }
      : (sentResults[next++] ?? { ErrorCode: 'InternalFailure', ErrorMessage: 'missing result entry' });
    if (entry.ErrorCode) failedCount++;
    records.push(entry);
  }
  return { Records: records, FailedRecordCount: failedCount };
}
