// Trends table layout (pure): one deterministic item per (window start, shard, part).
//   DAY#<yyyy-mm-dd of windowStart> / <windowStart ISO>#<shardId>#<part, 6 digits>
// Hashtag and language maps are stored as JSON strings: any key survives (dots, Unicode,
// "__proto__", which the SDK's map marshalling silently drops) and the item stays deterministic.
import type { WindowAggregate } from '@streamlens/schemas';
import { WINDOW_ROW_PARTITION_PREFIX } from '@streamlens/tables';
import { InvalidRecordError, type ItemKey } from './errors';
import { padNumber } from './item-key';
import { expiresAt, fixedIso } from './time-keys';

const PART_WIDTH = 6;
const DAY_MS = 86_400_000;

/** Day partition of an instant. */
export function dayPartition(iso: string): string {
  return `${WINDOW_ROW_PARTITION_PREFIX}${iso.slice(0, 10)}`;
}

/** Key of a window row. */
export function windowKey(row: WindowAggregate): ItemKey {
  const id = `${row.windowStart}/${row.shardId}/${row.part}`;
  const start = fixedIso(row.windowStart, id, 'windowStart');
  if (typeof row.shardId !== 'string' || row.shardId.length === 0 || row.shardId.includes('#')) {
    throw new InvalidRecordError(id, 'shardId', 'must be a non-empty string without "#"');
  }
  if (!Number.isInteger(row.part) || row.part < 0 || row.part >= 10 ** PART_WIDTH)
    throw new InvalidRecordError(id, 'part', `must be an integer in 0..999999, got ${row.part}`);
  return { pk: dayPartition(start), sk: `${start}#${row.shardId}#${padNumber(row.part, PART_WIDTH)}` };
}

/**
 * The item of a window row; expires `ttlDays` after the window end. `duplicates` is stored only
 * when the row has it, so a row without it (written before dedupe) round-trips unchanged.
 */
export function windowItem(row: WindowAggregate, ttlDays: number): Record<string, unknown> {
  const key = windowKey(row);
  const end = fixedIso(row.windowEnd, key.sk, 'windowEnd');
  checkDuplicates(row.duplicates, key.sk);
  return {
    ...key,
    windowStart: key.sk.slice(0, 24),
    windowEnd: end,
    shardId: row.shardId,
    part: row.part,
    postCount: row.postCount,
    hashtagsJson: JSON.stringify(row.hashtags),
    otherHashtagCount: row.otherHashtagCount,
    sentimentSum: row.sentimentSum,
    sentimentCount: row.sentimentCount,
    languagesJson: JSON.stringify(row.languages),
    poisonCount: row.poisonCount,
    ...(row.hashtagErrorBound !== undefined ? { hashtagErrorBound: row.hashtagErrorBound } : {}),
    ...(row.hashtagSentimentSums !== undefined
      ? { hashtagSentimentSumsJson: JSON.stringify(row.hashtagSentimentSums) }
      : {}),
    ...(row.duplicates !== undefined ? { duplicates: row.duplicates } : {}),
    firstArrivalAt: row.firstArrivalAt,
    lastArrivalAt: row.lastArrivalAt,
    expiresAt: expiresAt(Date.parse(end), ttlDays),
  };
}

/**
 * The row of a stored window item. An item without `duplicates` gives a row without it (not 0):
 * such a row predates dedupe, when duplicates were counted as posts, so 0 would be a false claim.
 */
export function windowFromItem(item: Readonly<Record<string, unknown>>): WindowAggregate {
  return {
    windowStart: String(item['windowStart']),
    windowEnd: String(item['windowEnd']),
    shardId: String(item['shardId']),
    part: Number(item['part']),
    postCount: Number(item['postCount']),
    hashtags: JSON.parse(String(item['hashtagsJson'])) as Record<string, number>,
    otherHashtagCount: Number(item['otherHashtagCount']),
    sentimentSum: Number(item['sentimentSum']),
    sentimentCount: Number(item['sentimentCount']),
    languages: JSON.parse(String(item['languagesJson'])) as Record<string, number>,
    poisonCount: Number(item['poisonCount']),
    ...(item['hashtagErrorBound'] !== undefined ? { hashtagErrorBound: Number(item['hashtagErrorBound']) } : {}),
    ...(item['hashtagSentimentSumsJson'] !== undefined
      ? { hashtagSentimentSums: JSON.parse(String(item['hashtagSentimentSumsJson'])) as Record<string, number> }
      : {}),
    ...(item['duplicates'] !== undefined ? { duplicates: Number(item['duplicates']) } : {}),
    ...(item['firstArrivalAt'] !== undefined ? { firstArrivalAt: Number(item['firstArrivalAt']) } : {}),
    ...(item['lastArrivalAt'] !== undefined ? { lastArrivalAt: Number(item['lastArrivalAt']) } : {}),
  };
}

// A count that is not a non-negative integer would poison every merge that reads the row.
function checkDuplicates(duplicates: number | undefined, id: string): void {
  if (duplicates === undefined) return;
  if (!Number.isSafeInteger(duplicates) || duplicates < 0) {
    throw new InvalidRecordError(id, 'duplicates', `must be a non-negative integer, got ${String(duplicates)}`);
  }
}

/** Longest range queryWindows accepts, in days (bounds the number of partitions read). */
export const MAX_QUERY_DAYS = 400;

/**
 * The day partitions and sort-key bounds of windows starting in [from, to): `sk BETWEEN fromIso
 * AND toIso` includes `fromIso#…` and excludes `toIso#…` (which sorts after `toIso`).
 */
export function windowRange(from: Date, to: Date): { days: string[]; fromSk: string; toSk: string } {
  const a = from.getTime();
  const b = to.getTime();
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new RangeError('queryWindows: from and to must be valid dates');
  if (b <= a) return { days: [], fromSk: '', toSk: '' };
  if (b - a > MAX_QUERY_DAYS * DAY_MS) throw new RangeError(`queryWindows: range over ${MAX_QUERY_DAYS} days`);
  const days: string[] = [];
  for (let d = Math.floor(a / DAY_MS) * DAY_MS; d < b; d += DAY_MS) days.push(dayPartition(new Date(d).toISOString()));
  return { days, fromSk: from.toISOString(), toSk: to.toISOString() };
}

/** Stable order of rows: window start, shard, part. */
export function compareWindows(x: WindowAggregate, y: WindowAggregate): number {
  return x.windowStart < y.windowStart
    ? -1
    : x.windowStart > y.windowStart
      ? 1
      : x.shardId < y.shardId
        ? -1
        : x.shardId > y.shardId
          ? 1
          : x.part - y.part;
}
