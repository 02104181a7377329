// A DynamoDB Streams record as the mapping carries it, with its Lambda event element: the stream
// record as GetRecords returns it on the wire (binary as base64, ApproximateCreationDateTime in
// epoch seconds) plus the `eventSourceARN` Lambda adds.
import type { AttributeValue as SdkAttributeValue, _Record as SdkStreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeMap, AttributeValue, StreamRecord as TableStreamRecord } from '@streamlens/dynalite-streams';
import type { EventRecordContext, StreamRecord } from './stream-record';

/** An attribute value in a Lambda event (JSON: binary is base64): the Streams wire shape. */
export type EventAttributeValue = AttributeValue;

/** An item image or key in a Lambda event. */
export type EventAttributeMap = AttributeMap;

/**
 * One element of `Records` in a DynamoDB Streams event (SEMANTICS.md "DynamoDB Streams"): the
 * stream record as GetRecords returns it, plus what Lambda adds.
 */
export interface DynamoDBEventRecord extends TableStreamRecord {
  /** Present on a TTL deletion: `{ type: 'Service', principalId: 'dynamodb.amazonaws.com' }`. */
  readonly userIdentity?: { readonly type: string; readonly principalId: string };
  readonly eventSourceARN: string;
}

/** A record of one DynamoDB Streams shard. */
export type DynamoDBStreamRecord = StreamRecord<DynamoDBEventRecord>;

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** An SDK attribute value (binary as Uint8Array) in its JSON form. */
export function toEventAttributeValue(value: SdkAttributeValue): EventAttributeValue {
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(toEventAttributeValue) };
  if (value.M !== undefined) return { M: toEventAttributeMap(value.M) };
  const { $unknown: _unknown, ...plain } = value as SdkAttributeValue & { $unknown?: unknown };
  return plain as EventAttributeValue;
}

/** An SDK attribute map in its JSON form. */
export function toEventAttributeMap(map: Record<string, SdkAttributeValue>): EventAttributeMap {
  const out: Record<string, EventAttributeValue> = {};
  for (const [name, value] of Object.entries(map)) out[name] = toEventAttributeValue(value);
  return out;
}

/** Items keep their order under ParallelizationFactor > 1: the key, attribute names sorted. */
function laneKeyOf(keys: EventAttributeMap): string {
  return JSON.stringify(
    Object.keys(keys)
      .sort()
      .map((name) => [name, keys[name]]),
  );
}

/**
 * Converts a GetRecords record of DynamoDB Streams.
 *
 * @example
 * ```ts
 * const r = fromStreamsRecord('shardId-00000001700000000000-0a1b2c3d', sdkRecord, context);
 * r.eventRecord.dynamodb.NewImage; // attribute values, binary as base64
 * ```
 */
export function fromStreamsRecord(
  shardId: string,
  record: SdkStreamRecord,
  ctx: EventRecordContext,
): DynamoDBStreamRecord {
  const d = record.dynamodb ?? {};
  const arrivalMs = d.ApproximateCreationDateTime?.getTime() ?? 0;
  const keys = toEventAttributeMap(d.Keys ?? {});
  const sequenceNumber = d.SequenceNumber ?? '';
  const eventRecord: DynamoDBEventRecord = {
    eventID: record.eventID ?? '',
    eventName: (record.eventName ?? 'MODIFY') as DynamoDBEventRecord['eventName'],
    eventVersion: (record.eventVersion ?? '1.1') as DynamoDBEventRecord['eventVersion'],
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? ctx.region,
    dynamodb: {
      ApproximateCreationDateTime: arrivalMs / 1000,
      Keys: keys,
      ...(d.NewImage ? { NewImage: toEventAttributeMap(d.NewImage) } : {}),
      ...(d.OldImage ? { OldImage: toEventAttributeMap(d.OldImage) } : {}),
      SequenceNumber: sequenceNumber,
      SizeBytes: d.SizeBytes ?? 0,
      StreamViewType: (d.StreamViewType ?? 'KEYS_ONLY') as DynamoDBEventRecord['dynamodb']['StreamViewType'],
    },
    ...(record.userIdentity
      ? { userIdentity: { type: record.userIdentity.Type ?? '', principalId: record.userIdentity.PrincipalId ?? '' } }
      : {}),
    eventSourceARN: ctx.streamArn,
  };
  return {
    shardId,
    sequenceNumber,
    laneKey: laneKeyOf(keys),
    arrivalMs,
    eventRecord,
    eventBytes: Buffer.byteLength(JSON.stringify(eventRecord)),
  };
}
