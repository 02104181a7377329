// Partial faults on AWS JSON bodies: which entries of a BatchWriteItem / BatchGetItem / PutRecords
// request the proxy forwards, and how the emulator's answer is completed with the held-back part.
// Pure; the splitting and merging themselves are the SDK middleware's (../partial-requests).
import {
  mergeGrouped,
  mergePutRecordsResults,
  mergeUnprocessedKeys,
  pickIndexes,
  splitGetRequests,
  splitWriteRequests,
  type KeysAndAttributes,
  type PutRecordsResultEntry,
} from '../partial-requests';
import type { Rng } from '../prng';

/** A parsed JSON object body. */
export type JsonObject = Record<string, unknown>;

/** A partial fault planned for one request. */
export interface PartialPlan {
  /** The body to forward, or undefined when every entry is held back and nothing is sent. */
  readonly forward: JsonObject | undefined;
  /** Entries held back (unprocessed) or failed. */
  readonly entries: number;
  /** The caller's answer, built from the emulator's answer to `forward` ({} when nothing was forwarded). */
  merge(response: JsonObject): JsonObject;
}

const FAILED_RECORD_CODES = ['ProvisionedThroughputExceededException', 'InternalFailure'] as const;

/**
 * How many of `n` entries a partial fault holds back: round(fraction × n), at least one, and
 * below a fraction of 1 at most n − 1, so the call still makes progress. A single entry is held
 * back (AWS may return every entry unprocessed); fraction 1 holds back all.
 */
export function heldCount(n: number, fraction: number): number {
  if (n <= 1 || fraction >= 1) return n;
  return Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function writeItems(body: JsonObject): Record<string, unknown[]> | undefined {
  const items = body['RequestItems'];
  return isObject(items) && Object.values(items).every(Array.isArray)
    ? (items as Record<string, unknown[]>)
    : undefined;
}

function getItems(body: JsonObject): Record<string, KeysAndAttributes<unknown>> | undefined {
  const items = body['RequestItems'];
  const valid = isObject(items) && Object.values(items).every((spec) => isObject(spec) && Array.isArray(spec['Keys']));
  return valid ? (items as Record<string, KeysAndAttributes<unknown>>) : undefined;
}

/** Entries a partial fault could hold back in this body; 0 when the body is not of that shape. */
export function countEntries(operation: string, body: JsonObject): number {
  if (operation === 'BatchWriteItem')
    return Object.values(writeItems(body) ?? {}).reduce((sum, list) => sum + list.length, 0);
  if (operation === 'BatchGetItem')
    return Object.values(getItems(body) ?? {}).reduce((sum, spec) => sum + (spec.Keys?.length ?? 0), 0);
  if (operation === 'PutRecords') return Array.isArray(body['Records']) ? body['Records'].length : 0;
  return 0;
}

function planWrites(
  body: JsonObject,
  items: Record<string, unknown[]>,
  held: number,
  total: number,
  rng: Rng,
): PartialPlan {
  // held / total × total rounds back to exactly `held` inside splitWriteRequests.
  const split = splitWriteRequests(items, held / total, rng);
  const forward = Object.keys(split.send).length > 0 ? { ...body, RequestItems: split.send } : undefined;
  return {
    forward,
    entries: split.heldCount,
    merge: (response) => ({
      ...response,
      UnprocessedItems: mergeGrouped(response['UnprocessedItems'] as Record<string, unknown[]> | undefined, split.held),
    }),
  };
}

function planGets(
  body: JsonObject,
  items: Record<string, KeysAndAttributes<unknown>>,
  held: number,
  total: number,
  rng: Rng,
): PartialPlan {
  const split = splitGetRequests(items, held / total, rng);
  // DynamoDB rejects a table entry with no keys, so tables whose keys were all held are dropped.
  const send = Object.fromEntries(Object.entries(split.send).filter(([, spec]) => (spec.Keys ?? []).length > 0));
  const forward = Object.keys(send).length > 0 ? { ...body, RequestItems: send } : undefined;
  return {
    forward,
    entries: split.heldCount,
    merge: (response) => ({
      Responses: {},
      ...response,
      UnprocessedKeys: mergeUnprocessedKeys(
        response['UnprocessedKeys'] as Record<string, KeysAndAttributes<unknown>> | undefined,
        split.held,
      ),
    }),
  };
}

function planRecords(
  body: JsonObject,
  records: unknown[],
  held: number,
  errorCode: string | undefined,
  rng: Rng,
): PartialPlan {
  const failed = new Map<number, string>();
  for (const i of [...pickIndexes(records.length, held / records.length, rng)].sort((a, b) => a - b)) {
    failed.set(i, errorCode ?? rng.pick(FAILED_RECORD_CODES));
  }
  const kept = records.filter((_, i) => !failed.has(i));
  const forward = kept.length > 0 ? { ...body, Records: kept } : undefined;
  return {
    forward,
    entries: failed.size,
    merge: (response) => ({
      ...response,
      ...mergePutRecordsResults(records.length, failed, (response['Records'] ?? []) as PutRecordsResultEntry[]),
    }),
  };
}

/**
 * Plans a partial fault on a request body, consuming randomness from `rng`; undefined when the
 * body has no entries of the operation's shape (the request then passes through untouched).
 *
 * @example
 * ```ts
 * const plan = planPartial('BatchWriteItem', body, 0.3, rng);
 * // forward plan.forward (if any) to the emulator, answer plan.merge(emulatorAnswer)
 * ```
 */
export function planPartial(
  operation: string,
  body: JsonObject,
  fraction: number,
  rng: Rng,
  errorCode?: string,
): PartialPlan | undefined {
  const total = countEntries(operation, body);
  if (total === 0) return undefined;
  const held = heldCount(total, fraction);
  const writes = operation === 'BatchWriteItem' ? writeItems(body) : undefined;
  if (writes) return planWrites(body, writes, held, total, rng);
  const gets = operation === 'BatchGetItem' ? getItems(body) : undefined;
  if (gets) return planGets(body, gets, held, total, rng);
  return planRecords(body, body['Records'] as unknown[], held, errorCode, rng);
}
