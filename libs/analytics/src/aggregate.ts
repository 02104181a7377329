// Aggregator flow (final invoke): state → one deterministic row per (window, shard, part).
// Report flow: rows of a window (or range) → one merged trend.
import type { WindowAggregate } from '@streamlens/schemas';
import { InvalidAnalyticsArgumentError } from './errors';
import type { WindowState } from './window-state';

/** Identity of a row: which window, shard and part it describes. */
export interface WindowKey {
  /** ISO 8601 window start (inclusive), as Lambda gives it in `window.start`. */
  readonly windowStart: string;
  /** ISO 8601 window end (exclusive). */
  readonly windowEnd: string;
  readonly shardId: string;
  /** 0 for the first (or only) part of the window. */
  readonly part: number;
}

/**
 * The row of one window part as {@link toWindowAggregate} makes it: a `WindowAggregate` whose
 * `duplicates` (records of an already counted post id, skipped) is always present. Stored rows
 * read back may lack it (written before dedupe), so readers take `WindowAggregate`.
 */
export type WindowRow = WindowAggregate & { readonly duplicates: number };

/**
 * Merged trend of several rows (the shards and parts of a window, or of a range of windows).
 * Maps are null-prototype objects, safe for any hashtag as a key.
 */
export interface MergedTrend extends Omit<
  WindowAggregate,
  'windowStart' | 'windowEnd' | 'shardId' | 'part' | 'hashtagErrorBound' | 'hashtagSentimentSums' | 'duplicates'
> {
  /** Earliest start and latest end of the merged rows; absent when no rows were merged. */
  readonly windowStart?: string;
  readonly windowEnd?: string;
  /** Distinct shard ids of the merged rows, sorted. */
  readonly shardIds: readonly string[];
  /** Rows merged (after dropping repeats of the same window, shard and part). */
  readonly rowCount: number;
  /** Sum of the rows' bounds: a hashtag's true count is at most its count plus this. */
  readonly hashtagErrorBound: number;
  /** Per hashtag: sentiment sum and the count it covers (rows without sums do not count). */
  readonly hashtagSentimentSums: Readonly<Record<string, number>>;
  readonly hashtagSentimentCounts: Readonly<Record<string, number>>;
  /**
   * Sum of the rows' skipped duplicate records. Rows without the field (written before dedupe,
   * when duplicates were counted as posts) add 0, so this is a lower bound over such ranges.
   */
  readonly duplicates: number;
}

/**
 * The row of a window state: deterministic for a given state (a retried final invoke writes the
 * same item). `hashtags` holds Space-Saving's guaranteed counts (count − error: never an
 * overestimate, exact while at most K distinct tags were seen), sorted by count then tag; the
 * rest of the occurrences are in `otherHashtagCount`, so they add up to all occurrences.
 *
 * @throws InvalidAnalyticsArgumentError for an empty id or a part that is not an integer ≥ 0.
 * @example
 * ```ts
 * const row = toWindowAggregate(state, { windowStart: event.window.start, windowEnd: event.window.end, shardId, part: 0 });
 * ```
 */
export function toWindowAggregate(state: WindowState, key: WindowKey): WindowRow {
  checkKey(key);
  const order = state.tags.map((_, i) => i);
  const guaranteed = state.counts.map((c, i) => c - (state.errors[i] ?? 0));
  order.sort(
    (a, b) => (guaranteed[b] as number) - (guaranteed[a] as number) || compareStrings(state.tags[a], state.tags[b]),
  );
  const hashtags = nullProto();
  const sentimentSums = nullProto();
  let tracked = 0;
  for (const i of order) {
    const tag = state.tags[i] as string;
    hashtags[tag] = guaranteed[i] as number;
    sentimentSums[tag] = state.tagSentiment[i] as number;
    tracked += guaranteed[i] as number;
  }
  const languages = nullProto();
  const langOrder = state.languageKeys
    .map((_, i) => i)
    .sort((a, b) => compareStrings(state.languageKeys[a], state.languageKeys[b]));
  for (const i of langOrder) languages[state.languageKeys[i] as string] = state.languageCounts[i] as number;
  return {
    windowStart: key.windowStart,
    windowEnd: key.windowEnd,
    shardId: key.shardId,
    part: key.part,
    postCount: state.postCount,
    hashtags,
    otherHashtagCount: state.hashtagOccurrences - tracked,
    sentimentSum: state.sentimentSum,
    sentimentCount: state.sentimentCount,
    languages,
    poisonCount: state.poisonCount,
    ...(state.firstArrivalAt === null ? {} : { firstArrivalAt: state.firstArrivalAt }),
    ...(state.lastArrivalAt === null ? {} : { lastArrivalAt: state.lastArrivalAt }),
    hashtagErrorBound: state.evictions > 0 ? (state.counts[0] ?? 0) : 0,
    hashtagSentimentSums: sentimentSums,
    duplicates: state.duplicates,
  };
}

/**
 * Merges rows by summing counts (`duplicates` included), sums and maps. A row repeated with the same window start,
 * shard and part is merged once (rows are idempotent; a repeat must not double-count).
 *
 * @example
 * ```ts
 * const trend = mergeAggregates(await trends.queryWindow(windowStart));
 * ```
 */
export function mergeAggregates(rows: readonly WindowAggregate[]): MergedTrend {
  const seen = new Set<string>();
  const hashtags = nullProto();
  const sentimentSums = nullProto();
  const sentimentCounts = nullProto();
  const languages = nullProto();
  const shardIds = new Set<string>();
  const t = { postCount: 0, other: 0, sentimentSum: 0, sentimentCount: 0, poison: 0, bound: 0, duplicates: 0, rows: 0 };
  let start: string | undefined;
  let end: string | undefined;
  let first: number | undefined;
  let last: number | undefined;
  for (const row of rows) {
    const id = JSON.stringify([row.windowStart, row.shardId, row.part]);
    if (seen.has(id)) continue;
    seen.add(id);
    shardIds.add(row.shardId);
    t.postCount += row.postCount;
    t.other += row.otherHashtagCount;
    t.sentimentSum += row.sentimentSum;
    t.sentimentCount += row.sentimentCount;
    t.poison += row.poisonCount;
    t.bound += row.hashtagErrorBound ?? 0;
    t.duplicates += row.duplicates ?? 0;
    t.rows += 1;
    addAll(hashtags, row.hashtags);
    addAll(languages, row.languages);
    const sums = row.hashtagSentimentSums;
    if (sums !== undefined) {
      for (const tag of Object.keys(row.hashtags)) {
        if (!Object.hasOwn(sums, tag)) continue;
        sentimentSums[tag] = (sentimentSums[tag] ?? 0) + (sums[tag] as number);
        sentimentCounts[tag] = (sentimentCounts[tag] ?? 0) + (row.hashtags[tag] as number);
      }
    }
    if (start === undefined || Date.parse(row.windowStart) < Date.parse(start)) start = row.windowStart;
    if (end === undefined || Date.parse(row.windowEnd) > Date.parse(end)) end = row.windowEnd;
    if (row.firstArrivalAt !== undefined && (first === undefined || row.firstArrivalAt < first))
      first = row.firstArrivalAt;
    if (row.lastArrivalAt !== undefined && (last === undefined || row.lastArrivalAt > last)) last = row.lastArrivalAt;
  }
  return {
    ...(start === undefined ? {} : { windowStart: start }),
    ...(end === undefined ? {} : { windowEnd: end }),
    shardIds: [...shardIds].sort(compareStrings),
    rowCount: t.rows,
    postCount: t.postCount,
    hashtags,
    otherHashtagCount: t.other,
    sentimentSum: t.sentimentSum,
    sentimentCount: t.sentimentCount,
    languages,
    poisonCount: t.poison,
    ...(first === undefined ? {} : { firstArrivalAt: first }),
    ...(last === undefined ? {} : { lastArrivalAt: last }),
    hashtagErrorBound: t.bound,
    hashtagSentimentSums: sentimentSums,
    hashtagSentimentCounts: sentimentCounts,
    duplicates: t.duplicates,
  };
}

function addAll(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const key of Object.keys(from)) into[key] = (into[key] ?? 0) + (from[key] as number);
}

// Null-prototype map: any hashtag, "__proto__" and "constructor" included, is a plain key.
function nullProto(): Record<string, number> {
  return Object.create(null) as Record<string, number>;
}

// Code-unit order: the same on every machine, unlike localeCompare.
function compareStrings(a: string | undefined, b: string | undefined): number {
  return a === b ? 0 : (a ?? '') < (b ?? '') ? -1 : 1;
}

function checkKey(key: WindowKey): void {
  for (const field of ['windowStart', 'windowEnd', 'shardId'] as const) {
    if (typeof key[field] !== 'string' || key[field].length === 0) {
      throw new InvalidAnalyticsArgumentError(`toWindowAggregate: ${field} must be a non-empty string`);
    }
  }
  if (!Number.isSafeInteger(key.part) || key.part < 0) {
    throw new InvalidAnalyticsArgumentError(`toWindowAggregate: part must be an integer ≥ 0, got ${String(key.part)}`);
  }
}
