// A Kinesis record as the mapping carries it, with its Lambda event element: the exact shape
// Lambda sends (data base64, approximateArrivalTimestamp in seconds with ms as the fraction).
import type { _Record as SdkRecord } from '@aws-sdk/client-kinesis';
import type { EventRecordContext, StreamRecord } from './stream-record';
import type { KinesisEventRecord } from './types';

/** A record of one Kinesis shard: partition key and raw data beside the generic fields. */
export interface KinesisStreamRecord extends StreamRecord<KinesisEventRecord> {
  readonly partitionKey: string;
  readonly data: Uint8Array;
}

/** Builds a record's Lambda event element. */
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

/**
 * Converts a GetRecords record.
 *
 * @example
 * ```ts
 * const r = fromSdkRecord('shardId-000000000000', sdkRecord, { streamArn, region: 'eu-west-1', invokeIdentityArn });
 * r.eventRecord.kinesis.data; // base64
 * ```
 */
export function fromSdkRecord(shardId: string, record: SdkRecord, ctx: EventRecordContext): KinesisStreamRecord {
  const sequenceNumber = record.SequenceNumber ?? '';
  const partitionKey = record.PartitionKey ?? '';
  const data = record.Data ?? new Uint8Array();
  const arrivalMs = record.ApproximateArrivalTimestamp?.getTime() ?? 0;
  const eventRecord = toEventRecord(shardId, sequenceNumber, partitionKey, data, arrivalMs, ctx);
  return {
    shardId,
    sequenceNumber,
    laneKey: partitionKey,
    partitionKey,
    data,
    arrivalMs,
    eventRecord,
    eventBytes: Buffer.byteLength(JSON.stringify(eventRecord)),
  };
}
