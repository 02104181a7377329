// Record factories: Kinesis event records exactly as Lambda builds them (eventID
// "shardId-…:seq", base64 data, approximateArrivalTimestamp in seconds with a ms fraction).
import { encodeAggregatedRecord } from '@streamlens/kinesis';
import type { SocialPost } from '@streamlens/schemas';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';

/** Shard of the factories' records. */
export const SHARD_ID = 'shardId-000000000003';
/** A realistic 56-digit sequence number; seq(n) adds n·10^10 so they stay in stream order. */
const BASE = 49590338271490256608559692538361571095921575989136588898n;
/** Arrival time of the first record, epoch ms. */
export const ARRIVED_AT = Date.UTC(2025, 0, 15, 12, 0, 0, 250);

/** The n-th sequence number of the shard. */
export function seq(n: number): string {
  return (BASE + BigInt(n) * 10_000_000_000n).toString();
}

const encoder = new TextEncoder();

/** UTF-8 JSON of a post, as a producer puts it. */
export function postBytes(post: SocialPost | Record<string, unknown>): Uint8Array {
  return encoder.encode(JSON.stringify(post));
}

/** Options of {@link kinesisRecord}. */
export interface RecordOptions {
  readonly shardId?: string;
  readonly partitionKey?: string;
  readonly arrivedAtMs?: number;
  readonly eventID?: string;
}

/** A Lambda Kinesis event record around raw bytes. */
export function kinesisRecord(
  data: Uint8Array,
  sequenceNumber: string,
  options: RecordOptions = {},
): KinesisStreamRecord {
  const shardId = options.shardId ?? SHARD_ID;
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: options.partitionKey ?? 'pk',
      sequenceNumber,
      data: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'),
      approximateArrivalTimestamp: (options.arrivedAtMs ?? ARRIVED_AT) / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: options.eventID ?? `${shardId}:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::123456789012:role/streamlens-consumer',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/streamlens-posts',
  };
}

/** A record carrying one post. */
export function postRecord(post: SocialPost, sequenceNumber: string, options: RecordOptions = {}): KinesisStreamRecord {
  return kinesisRecord(postBytes(post), sequenceNumber, { partitionKey: post.postId, ...options });
}

/** A KPL aggregated record of the given payloads (encoded by the producer's encoder). */
export function aggregateRecord(
  payloads: readonly Uint8Array[],
  sequenceNumber: string,
  options: RecordOptions = {},
): KinesisStreamRecord {
  const bytes = encodeAggregatedRecord(payloads.map((data, i) => ({ partitionKey: `agg-${i}`, data })));
  return kinesisRecord(bytes, sequenceNumber, options);
}

/** The event of a batch. */
export function kinesisEvent(records: KinesisStreamRecord[]): KinesisStreamEvent {
  return { Records: records };
}
