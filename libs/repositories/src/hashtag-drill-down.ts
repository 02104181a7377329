// The report's drill-down (posts reader): recent posts of a hashtag, newest first, paged. Reads
// the hashtag's group items one minute at a time, newest minute first, orders that minute's
// entries, and keeps an entry only if the post item still names it (hashtag, group item and
// createdAt of its stored version): entries of replaced versions or of writers that lost are
// never listed, even in the moment before they are removed.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isIndexableHashtag, normaliseHashtag } from '@streamlens/schemas';
import { batchGet } from './batch-reader';
import type { CapacityMeter } from './capacity';
import { decodeCursor, encodeCursor, resolveLimit, type Page } from './cursor';
import { groupSortKey, parseIndexEntry, tagPartition, timeBucket } from './hashtag-index';
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
}

interface Candidate {
  readonly entry: string;
  readonly groupSk: string;
}

const BUCKET_LENGTH = 16;

/** True when the stored post item still names this entry. */
function isCurrent(item: Readonly<Record<string, unknown>> | undefined, tag: string, c: Candidate): boolean {
  const ref = item ? storedHead(item).idx : undefined;
  if (!ref || ref.c !== parseIndexEntry(c.entry).createdAtKey) return false;
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
      const keys = [...new Set(chunk.map((c) => parseIndexEntry(c.entry).postId))].map(postKey);
      const found = await batchGet(this.ctx.doc, this.ctx.tableName, keys, {
        retry: this.ctx.retry,
        consistent: this.ctx.consistent,
        ...(this.ctx.capacity ? { capacity: this.ctx.capacity } : {}),
      });
      for (const c of chunk) {
        if (this.full) break;
        const { createdAtKey, postId } = parseIndexEntry(c.entry);
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
  const limit = resolveLimit(query.limit, 20, 100);
  const start = query.cursor !== undefined ? decodeCursor(query.cursor, pk) : undefined;
  // The cursor's sort key is the last entry listed; its first 16 characters are its minute.
  const after = start?.sk;
  const startBucket = after?.slice(0, BUCKET_LENGTH);
  if (!isIndexableHashtag(normal)) return { items: [] };
  const page = new DrillDown(ctx, normal, limit);
  let bucket: string | undefined;
  let candidates: Candidate[] = [];
  const flush = async () => {
    if (bucket !== undefined) await page.minute(candidates, bucket === startBucket ? after : undefined);
  };
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
        if (page.full) return pageWithCursor(page, pk);
        bucket = itemBucket;
        candidates = [];
      }
      const entries = item['e'] instanceof Set ? [...(item['e'] as Set<string>)] : [];
      for (const entry of entries) candidates.push({ entry, groupSk: sk });
    }
    exclusiveStart = out.LastEvaluatedKey;
  } while (exclusiveStart !== undefined);
  await flush();
  return page.full ? pageWithCursor(page, pk) : { items: page.items };
}

function pageWithCursor(page: DrillDown, pk: string): Page<HashtagPostSummary> {
  return { items: page.items, cursor: encodeCursor({ pk, sk: page.lastEntry as string }) };
}
