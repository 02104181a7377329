// Test helpers: KPL aggregates built by an independent encoder (protobufjs, the library
// aws-kinesis-agg uses), so the decoder is not only checked against our own producer.
import { createHash } from 'node:crypto';
import type { KinesisStreamRecord } from 'aws-lambda';

interface ProtoType {
  fromObject(o: object): unknown;
  encode(m: unknown): { finish(): Uint8Array };
}
// aws-kinesis-agg ships no types for its internals; loadBuilder() returns the protobufjs type.
const common = require('aws-kinesis-agg/lib/common') as { loadBuilder(): ProtoType };
const AggregatedRecord = common.loadBuilder();

/** The AggregatedRecord message in protobufjs' JSON-ish form. */
export interface AggregateMessage {
  readonly partition_key_table: string[];
  readonly explicit_hash_key_table?: string[];
  readonly records: {
    partition_key_index: number;
    explicit_hash_key_index?: number;
    data: Uint8Array;
    tags?: { key: string; value?: string }[];
  }[];
}

/** Magic + protobuf + MD5 of the protobuf. */
export function frame(proto: Uint8Array): Buffer {
  const md5 = createHash('md5').update(proto).digest();
  return Buffer.concat([Buffer.from([0xf3, 0x89, 0x9a, 0xc2]), proto, md5]);
}

/** The protobuf bytes of a message, encoded by protobufjs. */
export function protobufOf(message: AggregateMessage): Uint8Array {
  return AggregatedRecord.encode(AggregatedRecord.fromObject(message)).finish();
}

/** A framed aggregate encoded by protobufjs. */
export function protobufAggregate(message: AggregateMessage): Buffer {
  return frame(protobufOf(message));
}

/** A Lambda Kinesis event record around some bytes, as Lambda shapes it. */
export function eventRecord(
  data: Uint8Array,
  sequenceNumber: string,
  options: { partitionKey?: string; arrivedAtMs?: number; shardId?: string } = {},
): KinesisStreamRecord {
  const shardId = options.shardId ?? 'shardId-000000000000';
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: options.partitionKey ?? 'pk',
      sequenceNumber,
      data: Buffer.from(data).toString('base64'),
      approximateArrivalTimestamp: (options.arrivedAtMs ?? 1_700_000_000_123) / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shardId}:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::123456789012:role/consumer',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/posts',
  };
}
