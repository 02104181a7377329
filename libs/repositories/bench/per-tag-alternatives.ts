// The two write strategies StreamLens used before its grouped index, kept here only to be
// measured against it (bench only): one index item per hashtag, and either
//   read-then-write: BatchGetItem of the stored versions, then one BatchWriteItem of the newer
//                    posts and their index items (racy: a concurrent writer between the read and
//                    the write can be overwritten by an older version), or
//   conditional put: one conditional PutItem per post, then BatchWriteItem of the winners' index
//                    items (the post is race-free; an edit's stale index items can survive).
import { BatchGetCommand, BatchWriteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  instantKey,
  isIndexableHashtag,
  normaliseHashtag,
  recordVersionKey,
  type EnrichedPost,
} from '@streamlens/schemas';
import type { CapacityMeter } from '../src';

/** A per-tag strategy. */
export type PerTagStrategy = 'read-then-write' | 'conditional-put';

interface Planned {
  readonly postId: string;
  readonly versionKey: string;
  readonly postItem: Record<string, unknown>;
  readonly tagItems: Record<string, unknown>[];
}

function plan(e: EnrichedPost): Planned {
  const postId = e.post.postId;
  const versionKey = recordVersionKey(e.post, e.lineage);
  const createdAt = instantKey(e.post.createdAt, 'createdAt');
  const tags = [...new Set(e.hashtags.map(normaliseHashtag))].filter(isIndexableHashtag);
  const summary = {
    source: e.post.source,
    authorHandle: e.post.author.handle,
    language: e.language,
    sentimentScore: e.sentiment.score,
    textPreview: Array.from(e.post.text).slice(0, 200).join('') || '-',
  };
  return {
    postId,
    versionKey,
    postItem: { pk: `POST#${postId}`, sk: 'POST', versionKey, createdAt, hashtags: tags, doc: JSON.stringify(e) },
    tagItems: tags.map((t) => ({ pk: `TAG#${t}`, sk: `${createdAt}#${postId}`, postId, versionKey, ...summary })),
  };
}

async function writeAll(
  doc: DynamoDBDocumentClient,
  table: string,
  items: Record<string, unknown>[],
  meter: CapacityMeter,
) {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  await Promise.all(
    chunks.map(async (chunk) => {
      let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const out = await doc.send(
          new BatchWriteCommand({ RequestItems: { [table]: requests }, ReturnConsumedCapacity: 'TOTAL' }),
        );
        meter.addAnswer('write', out.ConsumedCapacity);
        requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    }),
  );
}

/** Writes a batch with one of the per-tag strategies. */
export async function putPerTag(
  strategy: PerTagStrategy,
  doc: DynamoDBDocumentClient,
  table: string,
  posts: readonly EnrichedPost[],
  meter: CapacityMeter,
): Promise<void> {
  const newest = new Map<string, Planned>();
  for (const p of posts.map(plan)) {
    const prior = newest.get(p.postId);
    if (!prior || prior.versionKey <= p.versionKey) newest.set(p.postId, p);
  }
  const plans = [...newest.values()];
  if (strategy === 'read-then-write') {
    const stored = new Map<string, string>();
    for (let i = 0; i < plans.length; i += 100) {
      const out = await doc.send(
        new BatchGetCommand({
          RequestItems: {
            [table]: {
              Keys: plans.slice(i, i + 100).map((p) => ({ pk: `POST#${p.postId}`, sk: 'POST' })),
              ConsistentRead: true,
              ProjectionExpression: 'pk, versionKey',
            },
          },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      meter.addAnswer('read', out.ConsumedCapacity);
      for (const item of out.Responses?.[table] ?? []) stored.set(String(item['pk']), String(item['versionKey']));
    }
    const winners = plans.filter((p) => (stored.get(`POST#${p.postId}`) ?? '') <= p.versionKey);
    await writeAll(
      doc,
      table,
      winners.flatMap((p) => [p.postItem, ...p.tagItems]),
      meter,
    );
    return;
  }
  const winners: Planned[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < plans.length) {
        const p = plans[next++] as Planned;
        try {
          const out = await doc.send(
            new PutCommand({
              TableName: table,
              Item: p.postItem,
              ConditionExpression: 'attribute_not_exists(pk) OR versionKey <= :v',
              ExpressionAttributeValues: { ':v': p.versionKey },
              ReturnConsumedCapacity: 'TOTAL',
            }),
          );
          meter.addAnswer('write', out.ConsumedCapacity);
          winners.push(p);
        } catch (err) {
          if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
          meter.addConditionFailure(Buffer.byteLength(JSON.stringify(p.postItem)));
        }
      }
    }),
  );
  await writeAll(
    doc,
    table,
    winners.flatMap((p) => p.tagItems),
    meter,
  );
}
