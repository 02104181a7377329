// One rate step: offers synthetic posts at a paced rate through the producer core, remembering
// per postId when it was offered, then reads the stored posts of the step back with the
// timestamps their items carry (Kinesis arrival, consumer ingestion).
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { decodePostDoc } from '@streamlens/repositories';
import type { EnrichedPost } from '@streamlens/schemas';
import { KinesisProducer, SyntheticSocialStream } from '@streamlens/kinesis';

/** What the paced load did during one step. */
export interface OfferedLoad {
  readonly offered: number;
  readonly put: number;
  readonly failed: number;
  readonly startMs: number;
  readonly endMs: number;
  /** postId → epoch ms it was handed to the producer (latest version for edits). */
  readonly producedAt: ReadonlyMap<string, number>;
}

const TICK_MS = 10;

/**
 * Offers `rate` posts/s for `seconds` through `producer` and waits for every put to settle.
 *
 * @example
 * ```ts
 * const load = await offerLoad(producer, source, 1000, 60);
 * ```
 */
export async function offerLoad(
  producer: KinesisProducer,
  source: SyntheticSocialStream,
  rate: number,
  seconds: number,
): Promise<OfferedLoad> {
  const producedAt = new Map<string, number>();
  const settled: Promise<unknown>[] = [];
  let offered = 0;
  let put = 0;
  let failed = 0;
  const startMs = Date.now();
  const endMs = startMs + seconds * 1000;
  while (Date.now() < endMs) {
    const due = Math.min(Math.floor(((Date.now() - startMs) / 1000) * rate), Math.round(seconds * rate));
    while (offered < due && Date.now() < endMs) {
      const now = Date.now();
      const record = source.next(now);
      offered++;
      // An edit of a post of an earlier step keeps that post's createdAt: it is not this step's.
      const post = record.post;
      if (post && (post.editedAt === undefined || producedAt.has(post.postId))) producedAt.set(post.postId, now);
      // enqueue waits while the producer's buffer is full: the offered rate then falls behind.
      const pending = await producer.enqueue({ partitionKey: record.partitionKey, data: record.data });
      settled.push(
        pending.result.then(
          () => put++,
          () => failed++,
        ),
      );
    }
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  const stopMs = Date.now();
  await producer.flush();
  await Promise.all(settled);
  return { offered, put, failed, startMs, endMs: stopMs, producedAt };
}

/** A stored post of the step: when it was produced, arrived in Kinesis and was ingested. */
export interface StoredPost {
  readonly producedAt: number;
  /** Kinesis arrival of its record (lineage.arrivedAt). */
  readonly arrivedAt: number;
  readonly ingestedAt: number;
  /** `shardId:sequenceNumber` of its record (Lambda's eventID). */
  readonly eventId: string;
}

/**
 * Scans the posts table for post items created since `sinceMs` and keeps those of this step.
 *
 * @example
 * ```ts
 * const stored = await readStoredPosts(dc, 'streamlens-dev-posts', load.producedAt, load.startMs - 6000);
 * ```
 */
export async function readStoredPosts(
  dc: DynamoDBClient,
  tableName: string,
  producedAt: ReadonlyMap<string, number>,
  sinceMs: number,
): Promise<StoredPost[]> {
  const out: StoredPost[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await dc.send(
      new ScanCommand({
        TableName: tableName,
        // Post items only; their createdAt is inside the stored post, so the step's own are kept
        // below (by postId, and createdAt since the step began: up to 5 s before the produce time).
        FilterExpression: 'sk = :post',
        ExpressionAttributeValues: { ':post': { S: 'POST' } },
        // The post is in `d` (short field names) or, for items of an older layout, in `doc`.
        ProjectionExpression: 'postId, #d, doc',
        ExpressionAttributeNames: { '#d': 'd' },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const postId = item['postId']?.S;
      const produced = postId === undefined ? undefined : producedAt.get(postId);
      if (produced === undefined) continue;
      const short = item['d']?.S;
      const doc: Partial<EnrichedPost> = decodePostDoc(
        short === undefined ? { name: 'doc', value: item['doc']?.S ?? '{}' } : { name: 'd', value: short },
      );
      if (!(Date.parse(doc.post?.createdAt ?? '') >= sinceMs)) continue;
      const ingested = Date.parse(doc.ingestedAt ?? '');
      const lineage: Partial<EnrichedPost['lineage']> = doc.lineage ?? {};
      if (Number.isFinite(ingested))
        out.push({
          producedAt: produced,
          arrivedAt: lineage.arrivedAt ?? Number.NaN,
          ingestedAt: ingested,
          eventId: `${lineage.shardId}:${lineage.sequenceNumber}`,
        });
    }
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  return out;
}

/**
 * Nearest-rank percentile of an ascending list; NaN for an empty one.
 *
 * @example
 * ```ts
 * percentile([1, 2, 3, 4], 0.5); // 2
 * ```
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}
