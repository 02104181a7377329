// Variant B of consumer.bench.ts: the idiomatic Powertools consumer doing the same job as A.
// processPartialResponse + BatchProcessor(KinesisDataStreams) calls an async handler per Kinesis
// record (all records of the batch in parallel, Powertools' default); the handler deaggregates
// with aws-kinesis-agg, parses each payload with a zod schema, enriches it with the same
// enrichPost and writes with one PutCommand per item through the DynamoDB document client: the
// post item (conditional, newer version wins) and then its hashtag index items. Poison goes to
// the quarantine table (one PutCommand each) so it does not block the shard.
// Items follow the layout the idiom suggests (and StreamLens used before its grouped index): one
// post item and one index item per hashtag. The benchmark checks that both variants stored the
// same posts (their `doc`) and an index entry per hashtag; it counts each variant's write units.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { enrichPost } from '@streamlens/analytics';
import { CapacityMeter, TEXT_PREVIEW_CHARS } from '@streamlens/repositories';
import {
  instantKey,
  isIndexableHashtag,
  LANGUAGE_TAG_PATTERN,
  normaliseHashtag,
  POST_LIMITS,
  recordVersionKey,
  SOURCE_NETWORKS,
  type EnrichedPost,
  type SocialPost,
} from '@streamlens/schemas';
import { deaggregateSync, type UserRecord } from 'aws-kinesis-agg';
import type { KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { z } from 'zod';

const L = POST_LIMITS;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const count = z.int().nonnegative().optional();

/** SocialPost v1 as a zod schema (same limits as @streamlens/schemas). */
export const SocialPostSchema = z.object({
  schemaVersion: z.literal(1),
  postId: z.string().min(1).max(L.maxPostIdLength),
  source: z.enum(SOURCE_NETWORKS),
  author: z.object({
    id: z.string().min(1).max(L.maxAuthorIdLength),
    handle: z.string().min(1).max(L.maxHandleLength),
  }),
  text: z.string().max(L.maxTextLength),
  // Key order as parseSocialPost builds it, so `doc` (the post as JSON) comes out byte-identical.
  createdAt: z.string().regex(ISO),
  lang: z.string().max(L.maxLangLength).regex(LANGUAGE_TAG_PATTERN).optional(),
  editedAt: z.string().regex(ISO).optional(),
  engagement: z.object({ likes: count, reposts: count, replies: count }).optional(),
});

const DAY_S = 86_400;

/** One post item (POST#id / POST) and one index item per hashtag (TAG#tag / createdAt#id). */
export function itemsOf(
  e: EnrichedPost,
  ttlDays: number,
): { postItem: Record<string, unknown>; tagItems: Record<string, unknown>[] } {
  const { postId } = e.post;
  const createdAt = instantKey(e.post.createdAt, 'createdAt');
  const versionKey = recordVersionKey(e.post, e.lineage);
  const hashtags = [...new Set(e.hashtags.map(normaliseHashtag))].filter(isIndexableHashtag);
  const expiresAt = Math.floor(Date.parse(`${createdAt.slice(0, 23)}Z`) / 1000) + ttlDays * DAY_S;
  const postItem = {
    pk: `POST#${postId}`,
    sk: 'POST',
    postId,
    versionKey,
    createdAt,
    hashtags,
    doc: JSON.stringify(e),
    expiresAt,
  };
  const preview = Array.from(e.post.text).slice(0, TEXT_PREVIEW_CHARS).join('');
  const tagItems = hashtags.map((tag) => ({
    pk: `TAG#${tag}`,
    sk: `${createdAt}#${postId}`,
    postId,
    versionKey,
    createdAt,
    source: e.post.source,
    authorHandle: e.post.author.handle,
    language: e.language,
    sentimentScore: e.sentiment.score,
    ...(preview.length > 0 ? { textPreview: preview } : {}),
    expiresAt,
  }));
  return { postItem, tagItems };
}

/** Options of {@link makePowertoolsHandler}. */
export interface BaselineOptions {
  readonly client: DynamoDBClient;
  readonly postsTable: string;
  readonly quarantineTable: string;
  readonly ttlDays: number;
  readonly maxRecordBytes: number;
  readonly logger: Logger;
  /** Processing time stored as ingestedAt (fixed so both variants store identical posts). */
  readonly clock: () => number;
  /** Counts the write units of the posts table's PutItem calls. */
  readonly capacity: CapacityMeter;
}

/** The Powertools-style handler. */
export function makePowertoolsHandler(
  options: BaselineOptions,
): (event: KinesisStreamEvent) => Promise<KinesisStreamBatchResponse> {
  const doc = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
  const processor = new BatchProcessor(EventType.KinesisDataStreams);
  const utf8 = new TextDecoder('utf-8', { fatal: true });

  const quarantine = async (
    record: KinesisStreamRecord,
    user: UserRecord,
    reason: string,
    detail: string,
  ): Promise<void> => {
    options.logger.warn('record quarantined', {
      reason,
      sequenceNumber: user.sequenceNumber,
      subSequenceNumber: user.subSequenceNumber,
    });
    const sub = user.subSequenceNumber ?? '-';
    await doc.send(
      new PutCommand({
        TableName: options.quarantineTable,
        Item: {
          pk: `Q#${record.eventID.split(':')[0]}`,
          sk: `${user.sequenceNumber}#${sub}`,
          reason,
          errorDetails: `:${detail}`,
          payloadBase64: `:${user.data}`,
        },
      }),
    );
  };

  const handleUser = async (record: KinesisStreamRecord, user: UserRecord, ingestedAt: Date): Promise<void> => {
    const bytes = Buffer.from(user.data, 'base64');
    if (bytes.length > options.maxRecordBytes) return quarantine(record, user, 'too-large', `${bytes.length} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(utf8.decode(bytes));
    } catch (err) {
      return quarantine(record, user, 'not-json', String(err));
    }
    const parsed = SocialPostSchema.safeParse(json);
    if (!parsed.success) return quarantine(record, user, 'schema-violation', parsed.error.message);
    const post = parsed.data as SocialPost;
    const lineage = {
      shardId: record.eventID.split(':')[0] as string,
      sequenceNumber: record.kinesis.sequenceNumber,
      ...(user.subSequenceNumber !== undefined ? { subSequenceNumber: user.subSequenceNumber } : {}),
      arrivedAt: Math.round(record.kinesis.approximateArrivalTimestamp * 1000),
    };
    const { postItem, tagItems } = itemsOf(enrichPost(post, lineage, ingestedAt), options.ttlDays);
    try {
      const out = await doc.send(
        new PutCommand({
          TableName: options.postsTable,
          Item: postItem,
          ConditionExpression: 'attribute_not_exists(pk) OR versionKey <= :v',
          ExpressionAttributeValues: { ':v': postItem['versionKey'] },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      options.capacity.addAnswer('write', out.ConsumedCapacity);
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return; // a newer version is stored
      throw err;
    }
    await Promise.all(
      tagItems.map(async (Item) => {
        const out = await doc.send(
          new PutCommand({ TableName: options.postsTable, Item, ReturnConsumedCapacity: 'TOTAL' }),
        );
        options.capacity.addAnswer('write', out.ConsumedCapacity);
      }),
    );
  };

  return async (event) => {
    const ingestedAt = new Date(options.clock());
    const recordHandler = async (record: KinesisStreamRecord): Promise<void> => {
      const users = await new Promise<UserRecord[]>((resolve, reject) =>
        deaggregateSync(record.kinesis, true, (err, out) => (err ? reject(err) : resolve(out ?? []))),
      );
      await Promise.all(users.map((u) => handleUser(record, u, ingestedAt)));
    };
    return processPartialResponse(event, recordHandler, processor);
  };
}
