// Wire shapes of DynamoDB and DynamoDB Streams (JSON 1.0 protocol: binary values are base64).
import type { SHARD_ITERATOR_TYPES, STREAM_STATUSES, STREAM_VIEW_TYPES } from './constants';

/** A DynamoDB attribute value as it travels on the wire (exactly one member is set). */
export interface AttributeValue {
  readonly S?: string;
  readonly N?: string;
  /** base64 */
  readonly B?: string;
  readonly SS?: readonly string[];
  readonly NS?: readonly string[];
  readonly BS?: readonly string[];
  readonly BOOL?: boolean;
  readonly NULL?: boolean;
  readonly L?: readonly AttributeValue[];
  readonly M?: AttributeMap;
}

/** An item, a key or an image: attribute name → value. */
export type AttributeMap = Readonly<Record<string, AttributeValue>>;

/** What a stream record carries besides the keys. */
export type StreamViewType = (typeof STREAM_VIEW_TYPES)[number];

/** Where GetShardIterator starts. */
export type ShardIteratorType = (typeof SHARD_ITERATOR_TYPES)[number];

/** ENABLED or DISABLED. */
export type StreamStatus = (typeof STREAM_STATUSES)[keyof typeof STREAM_STATUSES];

/** The kind of change a stream record describes. */
export type StreamEventName = 'INSERT' | 'MODIFY' | 'REMOVE';

/** An element of a table's KeySchema. */
export interface KeySchemaElement {
  readonly AttributeName: string;
  readonly KeyType: 'HASH' | 'RANGE';
}

/** A stream record as GetRecords returns it (Lambda adds `eventSourceARN` when it builds its event). */
export interface StreamRecord {
  readonly eventID: string;
  readonly eventName: StreamEventName;
  readonly eventVersion: '1.1';
  readonly eventSource: 'aws:dynamodb';
  readonly awsRegion: string;
  readonly dynamodb: {
    /** Epoch seconds, rounded down to the second. */
    readonly ApproximateCreationDateTime: number;
    readonly Keys: AttributeMap;
    readonly NewImage?: AttributeMap;
    readonly OldImage?: AttributeMap;
    readonly SequenceNumber: string;
    readonly SizeBytes: number;
    readonly StreamViewType: StreamViewType;
  };
}

/** One shard of a stream, as the emulation keeps it. */
export interface ShardState {
  readonly shardId: string;
  readonly parentShardId?: string;
  readonly createdAtMs: number;
  /** First sequence number the shard can hold (the next one at its creation). */
  readonly startingSequenceNumber: string;
  /** Set when the shard is closed: its last record's sequence number (its start when it got none). */
  readonly endingSequenceNumber?: string;
  readonly closedAtMs?: number;
  /** Sequence number of its last record, if any. */
  readonly lastSequenceNumber?: string;
  /** Records up to and including this sequence number were trimmed after the retention period. */
  readonly trimmedThrough?: string;
}

/** A table's stream, as the emulation keeps it (persisted beside the table's items). */
export interface StreamState {
  readonly streamArn: string;
  readonly streamLabel: string;
  readonly tableName: string;
  readonly keySchema: readonly KeySchemaElement[];
  readonly viewType: StreamViewType;
  readonly status: StreamStatus;
  readonly createdAtMs: number;
  readonly disabledAtMs?: number;
  /** Oldest first; the last one is the open shard while the stream is ENABLED. */
  readonly shards: readonly ShardState[];
}
