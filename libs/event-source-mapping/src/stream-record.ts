// A record read from a shard, with its Lambda event element built once at read time (its size
// decides how many records fit under the 6 MB payload cap).
import type { _Record as SdkRecord } from '@aws-sdk/client-kinesis';
import type { KinesisEventRecord } from './types';

/** A record of one shard as the mapping carries it. */
export interface StreamRecord {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  readonly data: Uint8Array;
  /** ApproximateArrivalTimestamp, epoch ms. */
  readonly arrivalMs: number;
  /** The element of `Records` this record becomes. */
  readonly eventRecord: KinesisEventRecord;
  /** UTF-8 bytes of `JSON.stringify(eventRecord)`. */
  readonly eventBytes: number;
}

/** What every event record of a mapping shares. */
export interface EventRecordContext {
  readonly streamArn: string;
  readonly region: string;
  readonly invokeIdentityArn: string;
}

/**
 * Builds a record's Lambda event element: the exact shape Lambda sends (data base64,
 * approximateArrivalTimestamp in seconds with milliseconds as the fraction).
 */
export function toEventRecord(
  shardId: string,
  sequenceNumber: string,
  partitionKey: string,
  data: Uint8Array,
  arrivalMs: number,
  ctx: EventRecordContext,
): KinesisEventRecord {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey,
      sequenceNumber,
      data: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'),
      approximateArrivalTimestamp: arrivalMs / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shardId}:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: ctx.invokeIdentityArn,
    awsRegion: ctx.region,
    eventSourceARN: ctx.streamArn,
  };
}

/** Converts a GetRecords record. */
export function fromSdkRecord(shardId: string, record: SdkRecord, ctx: EventRecordContext): StreamRecord {
  const sequenceNumber = record.SequenceNumber ?? '';
  const partitionKey = record.PartitionKey ?? '';
  const data = record.Data ?? new Uint8Array();
  const arrivalMs = record.ApproximateArrivalTimestamp?.getTime() ?? 0;
  const eventRecord = toEventRecord(shardId, sequenceNumber, partitionKey, data, arrivalMs, ctx);
  return {
    shardId,
    sequenceNumber,
    partitionKey,
    data,
    arrivalMs,
    eventRecord,
    eventBytes: Buffer.byteLength(JSON.stringify(eventRecord)),
  };
}
