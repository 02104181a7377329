// The report's drill-down (posts reader): recent posts of a hashtag, newest first, paged. Reads
// the index pages of the hashtag's bucket one minute at a time, newest minute first, keeps the
// hashtag's own entries, orders that minute's, and lists an entry only if the post item still
// names it (hashtag, index page and createdAt of its stored version): entries of replaced
// versions or of writers that lost are never listed, even in the moment before they are removed.
// A rare hashtag's bucket may hold many minutes of other tags' entries: a request reads at most
// SCAN_BUDGET_ENTRIES of them and then answers what it found with a cursor to go on.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isIndexableHashtag, normaliseHashtag } from '@streamlens/schemas';
import { batchGet } from './batch-reader';
import type { CapacityMeter } from './capacity';
import { decodeCursor, encodeCursor, resolveLimit, type Page } from './cursor';
import {
  cursorScope,
  groupSortKey,
  parseIndexEntry,
  parsePostEntry,
  postEntry,
  tagPartition,
  timeBucket,
} from './hashtag-index';
import { keyString } from './item-key';
import { postFromItem, postKey, storedHead, summaryOf, type HashtagPostSummary } from './post-items';
import type { HashtagQuery } from './posts-repository';
import type { ResolvedRetry } from './retry-policy';
import { retryOrThrow } from './with-retry';

/** Context of a drill-down. */
export interface DrillDownContext {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly retry: ResolvedRetry;
  readonly consistent: boolean;
  readonly capacity: CapacityMeter | undefined;
  /** Entries read at most per request (SCAN_BUDGET_ENTRIES unless configured). */
  readonly scanBudget: number;
}

interface Candidate {
  /** The post entry (`<createdAt key>#<postId>`), without the hashtag. */
  readonly entry: string;
  readonly groupSk: string;
}

const BUCKET_LENGTH = 16;

/**
 * Entries (of any hashtag) one request reads by default at most before it answers with a cursor:
 * about 1 MB of index pages, 125 read units eventually consistent, whatever the hashtag.
 */
export const SCAN_BUDGET_ENTRIES = 15_000;

/** True when the stored post item still names this entry. */
function isCurrent(item: Readonly<Record<string, unknown>> | undefined, tag: string, c: Candidate): boolean {
  const ref = item ? storedHead(item).idx : undefined;
  if (!ref || ref.c !== parsePostEntry(c.entry).createdAtKey) return false;
  const i = ref.t.indexOf(tag);
  return i >= 0 && groupSortKey(timeBucket(ref.c), ref.g, ref.p?.[i] ?? 0) === c.groupSk;
}

class DrillDown {
  readonly items: HashtagPostSummary[] = [];
  private last: string | undefined;

  constructor(
    private readonly ctx: DrillDownContext,
    private readonly tag: string,
    private readonly limit: number,
  ) {}

  get full(): boolean {
    return this.items.length >= this.limit;
  }

  get lastEntry(): string | undefined {
    return this.last;
  }

  /** Lists the minute's entries (older than `after`, if given) until the page is full. */
  async minute(candidates: Candidate[], after: string | undefined): Promise<void> {
    const ordered = candidates
      .filter((c) => after === undefined || c.entry < after)
      .sort((a, b) => (a.entry < b.entry ? 1 : a.entry > b.entry ? -1 : 0));
    for (let i = 0; i < ordered.length && !this.full;) {
      // Verify a little more than the page still needs: most entries are current.
      const chunk = ordered.slice(i, i + Math.min(100, 2 * (this.limit - this.items.length) + 4));
      i += chunk.length;
      const keys = [...new Set(chunk.map((c) => parsePostEntry(c.entry).postId))].map(postKey);
      const found = await batchGet(this.ctx.doc, this.ctx.tableName, keys, {
        retry: this.ctx.retry,
        consistent: this.ctx.consistent,
        ...(this.ctx.capacity ? { capacity: this.ctx.capacity } : {}),
      });
      for (const c of chunk) {
        if (this.full) break;
        const { createdAtKey, postId } = parsePostEntry(c.entry);
        const item = found.get(keyString(postKey(postId)));
        if (!isCurrent(item, this.tag, c)) continue;
        this.items.push(summaryOf(postFromItem(item as Record<string, unknown>), createdAtKey));
        this.last = c.entry;
      }
    }
  }
}

/**
 * A page of the posts carrying `tag` (any case, NFC or NFD, with or without '#'), newest first.
 *
 * @throws InvalidCursorError for a cursor of another hashtag or not issued here; RangeError for a bad limit.
 */
export async function recentPostsByHashtag(
  ctx: DrillDownContext,
  tag: string,
  query: HashtagQuery = {},
): Promise<Page<HashtagPostSummary>> {
  const normal = normaliseHashtag(tag);
  const pk = tagPartition(normal);
  const scope = cursorScope(normal);
  const limit = resolveLimit(query.limit, 20, 100);
  const start = query.cursor !== undefined ? decodeCursor(query.cursor, scope) : undefined;
  // The cursor's sort key is the last entry listed, or a minute whose entries were all read (the
  // scan budget ran out there); its first 16 characters are that minute. Every post entry of a
  // minute sorts after the bare minute, so both mean "older than this".
  const after = start?.sk;
  const startBucket = after?.slice(0, BUCKET_LENGTH);
  if (!isIndexableHashtag(normal)) return { items: [] };
  const page = new DrillDown(ctx, normal, limit);
  let bucket: string | undefined;
  let candidates: Candidate[] = [];
  const flush = async () => {
    if (bucket !== undefined) await page.minute(candidates, bucket === startBucket ? after : undefined);
  };
  let scanned = 0;
  let exclusiveStart: Record<string, unknown> | undefined;
  do {
    const out = await retryOrThrow(
      () =>
        ctx.doc.send(
          new QueryCommand({
            TableName: ctx.tableName,
            KeyConditionExpression: startBucket === undefined ? 'pk = :pk' : 'pk = :pk AND sk < :upper',
            // '$' sorts right after '#': every group item of the cursor's minute and older.
            ExpressionAttributeValues:
              startBucket === undefined ? { ':pk': pk } : { ':pk': pk, ':upper': `${startBucket}$` },
            ScanIndexForward: false,
            ConsistentRead: ctx.consistent,
            Limit: 200,
            ReturnConsumedCapacity: 'TOTAL',
            ...(exclusiveStart ? { ExclusiveStartKey: exclusiveStart } : {}),
          }),
        ),
      ctx.retry,
    );
    ctx.capacity?.addAnswer('read', out.ConsumedCapacity);
    for (const item of out.Items ?? []) {
      const sk = String(item['sk']);
      const itemBucket = sk.slice(0, BUCKET_LENGTH);
      if (itemBucket !== bucket) {
        await flush();
        if (page.full) return pageWithCursor(page, scope);
        if (bucket !== undefined && scanned >= ctx.scanBudget)
          return { items: page.items, cursor: encodeCursor({ pk: scope, sk: bucket }) };
        bucket = itemBucket;
        candidates = [];
      }
      const entries = item['e'] instanceof Set ? [...(item['e'] as Set<string>)] : [];
      scanned += entries.length;
      for (const stored of entries) {
        const { tag: entryTag, createdAtKey, postId } = parseIndexEntry(stored);
        if (entryTag === normal) candidates.push({ entry: postEntry(createdAtKey, postId), groupSk: sk });
      }
    }
    exclusiveStart = out.LastEvaluatedKey;
  } while (exclusiveStart !== undefined);
  await flush();
  return page.full ? pageWithCursor(page, scope) : { items: page.items };
}

function pageWithCursor(page: DrillDown, scope: string): Page<HashtagPostSummary> {
  return { items: page.items, cursor: encodeCursor({ pk: scope, sk: page.lastEntry as string }) };
}
