// Aggregator flow: Lambda passes `state` back as parsed JSON ({} on a window's first invoke);
// this checks it is a state this lib wrote before folding into it.
import { InvalidWindowStateError } from './errors';
import { DEFAULT_LANGUAGE_CAPACITY, MAX_HASHTAG_CAPACITY } from './limits';
import { adoptSeenHashes, decodeSeenPostIds } from './seen-set';
import { heapify } from './space-saving';
import { isTrackableHashtag, isTrackableLanguage } from './trackable';
import type { WindowState, WindowStateOptions } from './window-state';
import { emptyWindowState } from './window-state';

type Obj = Record<string, unknown>;

const SCALARS = ['postCount', 'sentimentCount', 'poisonCount', 'hashtagOccurrences', 'evictions'] as const;

/**
 * Turns the `state` Lambda hands back into a {@link WindowState}: `undefined`, `null` or `{}`
 * (a window's first invoke) give an empty state with `options`; anything else must be a state
 * this lib wrote, and is checked (the heap order is rebuilt, so order need not survive).
 * `duplicates` and `seenPostIds` may be absent (a window in flight when the version without
 * dedupe was replaced): they start at 0 and empty, so only posts folded from then on are
 * deduplicated. The seen-set is decoded and checked in full (3–5 ms at 100,000 ids), unless it
 * is the string this process wrote or read last (a warm container's next invoke of the shard).
 *
 * @throws InvalidWindowStateError naming the first bad field.
 * @example
 * ```ts
 * const state = restoreWindowState(event.state);
 * ```
 */
export function restoreWindowState(raw: unknown, options: WindowStateOptions = {}): WindowState {
  if (raw === undefined || raw === null) return emptyWindowState(options);
  if (typeof raw !== 'object' || Array.isArray(raw)) fail('$', `expected object, got ${kind(raw)}`);
  const obj = raw as Obj;
  if (Object.keys(obj).length === 0) return emptyWindowState(options);
  if (obj['format'] !== 1) fail('format', `expected 1, got ${kind(obj['format'])}`);
  const hashtagCapacity = int(obj, 'hashtagCapacity', 1, MAX_HASHTAG_CAPACITY);
  const languageCapacity = int(obj, 'languageCapacity', 2, DEFAULT_LANGUAGE_CAPACITY);
  const state = emptyWindowState({ hashtagCapacity, languageCapacity });
  for (const key of SCALARS) state[key] = int(obj, key, 0, Number.MAX_SAFE_INTEGER);
  state.sentimentSum = finite(obj['sentimentSum'], 'sentimentSum');
  state.firstArrivalAt = obj['firstArrivalAt'] === null ? null : finite(obj['firstArrivalAt'], 'firstArrivalAt');
  state.lastArrivalAt = obj['lastArrivalAt'] === null ? null : finite(obj['lastArrivalAt'], 'lastArrivalAt');
  state.tags = uniqueKeys(obj, 'tags', hashtagCapacity, isTrackableHashtag);
  state.counts = numbers(obj, 'counts', state.tags.length, (n) => Number.isSafeInteger(n) && n >= 1);
  state.errors = numbers(
    obj,
    'errors',
    state.tags.length,
    (n, i) => Number.isSafeInteger(n) && n >= 0 && n < (state.counts[i] ?? 0),
  );
  state.tagSentiment = numbers(obj, 'tagSentiment', state.tags.length, Number.isFinite);
  state.languageKeys = uniqueKeys(
    obj,
    'languageKeys',
    languageCapacity,
    (k) => k === 'other' || isTrackableLanguage(k),
  );
  state.languageCounts = numbers(
    obj,
    'languageCounts',
    state.languageKeys.length,
    (n) => Number.isSafeInteger(n) && n >= 1,
  );
  if (obj['duplicates'] !== undefined) state.duplicates = int(obj, 'duplicates', 0, Number.MAX_SAFE_INTEGER);
  restoreSeen(state, obj['seenPostIds']);
  heapify(state);
  return state;
}

function restoreSeen(state: WindowState, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string') fail('seenPostIds', `expected a base64 string, got ${kind(value)}`);
  state.seenPostIds = value;
  const hashes = decodeSeenPostIds(value);
  // Every folded post adds one hash; a state from before dedupe counted posts without any.
  if (hashes.length > state.postCount)
    fail('seenPostIds', `holds ${hashes.length} ids, more than postCount ${state.postCount}`);
  adoptSeenHashes(state, hashes);
}

function fail(path: string, detail: string): never {
  throw new InvalidWindowStateError(`${path}: ${detail}`);
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' || typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

function int(obj: Obj, key: string, min: number, max: number): number {
  const value = obj[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(key, `expected an integer from ${min} to ${max}, got ${kind(value)}`);
  }
  return value;
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, `expected a finite number, got ${kind(value)}`);
  return value;
}

function uniqueKeys(obj: Obj, key: string, max: number, allowed: (k: string) => boolean): string[] {
  const value = obj[key];
  if (!Array.isArray(value) || value.length > max) fail(key, `expected an array of at most ${max} strings`);
  const seen = new Set<string>();
  value.forEach((k: unknown, i) => {
    if (typeof k !== 'string' || !allowed(k) || seen.has(k))
      fail(`${key}[${i}]`, `unexpected or repeated key ${kind(k)}`);
    seen.add(k);
  });
  return [...(value as string[])];
}

function numbers(obj: Obj, key: string, length: number, ok: (n: number, i: number) => boolean): number[] {
  const value = obj[key];
  if (!Array.isArray(value) || value.length !== length) fail(key, `expected an array of ${length} numbers`);
  value.forEach((n: unknown, i) => {
    if (typeof n !== 'number' || !ok(n, i)) fail(`${key}[${i}]`, `unexpected value ${kind(n)}`);
  });
  return [...(value as number[])];
}
