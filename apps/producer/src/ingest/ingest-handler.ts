// Ingest flow, step 2: validate every item with the schema, put the valid posts (partition key
// = postId) through the producer, answer with one result per item.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { PutResult, UserRecord } from '@streamlens/kinesis';
import { encodePost, validateSocialPost, type ValidationIssue } from '@streamlens/schemas';
import { jsonResponse, problemResponse } from './http';
import { parseRequest, type RequestItem, type RequestLimits } from './parse-request';

/** Where accepted posts go (a KinesisProducer). */
export interface PostSink {
  put(record: UserRecord): Promise<PutResult>;
  /** Sends what is buffered now (a buffering sink); the request's answer waits for its puts anyway. */
  flush?(): Promise<void>;
}

/** Result of one item of the request. */
export type ItemResult =
  | {
      readonly line: number;
      readonly status: 'accepted';
      readonly postId: string;
      readonly sequenceNumber: string;
      readonly shardId: string;
      readonly subSequenceNumber?: number;
    }
  | { readonly line: number; readonly status: 'rejected'; readonly reasons: readonly ValidationIssue[] }
  | { readonly line: number; readonly status: 'failed'; readonly postId: string; readonly error: string };

/** Body of a 200 response. */
export interface IngestResponse {
  readonly accepted: number;
  readonly rejected: number;
  /** Valid posts the stream did not take (throttled past the TTL, service errors): retry them. */
  readonly failed: number;
  readonly results: readonly ItemResult[];
}

/** Dependencies of the ingest handler. */
export interface IngestDeps {
  readonly sink: PostSink;
  readonly limits: RequestLimits;
}

async function processItem(item: RequestItem, sink: PostSink): Promise<ItemResult> {
  if (!item.ok) return { line: item.line, status: 'rejected', reasons: [{ path: '$', message: item.message }] };
  const validated = validateSocialPost(item.value);
  if (!validated.ok) return { line: item.line, status: 'rejected', reasons: validated.issues };
  const post = validated.value;
  try {
    const r = await sink.put({ partitionKey: post.postId, data: encodePost(post) });
    return { line: item.line, status: 'accepted', postId: post.postId, ...r };
  } catch (err) {
    return {
      line: item.line,
      status: 'failed',
      postId: post.postId,
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    };
  }
}

/**
 * Handles one Function URL request: 200 with per-item results, or 400/405/413/415 with
 * `{ error, message }` when the request is unusable as a whole.
 *
 * @example
 * ```ts
 * const handle = makeIngestHandler({ sink: producer, limits: { maxBodyBytes: 5 << 20, maxLines: 10_000 } });
 * const response = await handle(event);
 * ```
 */
export function makeIngestHandler(
  deps: IngestDeps,
): (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2> {
  return async (event) => {
    const parsed = parseRequest(event, deps.limits);
    if ('problem' in parsed) return problemResponse(parsed.problem);
    const pending = Promise.all(parsed.items.map((item) => processItem(item, deps.sink)));
    // Every post of the request is in the buffer now, and nothing else can join them before the
    // answer (one request per invocation): waiting out `maxBufferedTimeMs` would only add latency.
    // A failed flush is reported per item by the puts themselves.
    await deps.sink.flush?.().catch(() => undefined);
    const results = await pending;
    const count = (status: ItemResult['status']) => results.filter((r) => r.status === status).length;
    const body: IngestResponse = {
      accepted: count('accepted'),
      rejected: count('rejected'),
      failed: count('failed'),
      results,
    };
    return jsonResponse(200, body);
  };
}
