// From one item write to its stream record: which event it is, what the view type lets through,
// and nothing at all when the write changed no data (AWS emits no record for it).
import { randomBytes } from 'node:crypto';
import { itemSizeBytes, keysOf, sameItem } from './attribute-values';
import type { AttributeMap, KeySchemaElement, StreamEventName, StreamRecord, StreamViewType } from './types';

/** A write as the store saw it: the item before (absent: it did not exist) and after (absent: deleted). */
export interface ItemWrite {
  readonly keySchema: readonly KeySchemaElement[];
  readonly viewType: StreamViewType;
  readonly oldItem?: AttributeMap;
  readonly newItem?: AttributeMap;
}

/** The data of a stream record, before it gets a sequence number. */
export interface ItemChange {
  readonly eventName: StreamEventName;
  readonly keys: AttributeMap;
  readonly newImage?: AttributeMap;
  readonly oldImage?: AttributeMap;
  readonly sizeBytes: number;
  readonly viewType: StreamViewType;
}

/**
 * The change a write made, or undefined when it made none: a put or update that leaves every
 * attribute as it was, or a delete of an item that did not exist.
 */
export function describeChange(write: ItemWrite): ItemChange | undefined {
  const { oldItem, newItem, viewType } = write;
  if (sameItem(oldItem, newItem)) return undefined;
  const eventName: StreamEventName = !oldItem ? 'INSERT' : !newItem ? 'REMOVE' : 'MODIFY';
  const keys = keysOf((newItem ?? oldItem) as AttributeMap, write.keySchema);
  const newImage = newItem && (viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES') ? newItem : undefined;
  const oldImage = oldItem && (viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES') ? oldItem : undefined;
  const sizeBytes =
    itemSizeBytes(keys) + (newImage ? itemSizeBytes(newImage) : 0) + (oldImage ? itemSizeBytes(oldImage) : 0);
  return { eventName, keys, newImage, oldImage, sizeBytes, viewType };
}

/** Where and when a change was recorded. */
export interface RecordPlacement {
  readonly sequenceNumber: string;
  readonly createdAtMs: number;
  readonly region: string;
  /** Defaults to 32 random hex characters, the shape AWS uses. */
  readonly eventId?: string;
}

/** The stream record of a change, field for field in the order AWS writes them. */
export function toStreamRecord(change: ItemChange, placement: RecordPlacement): StreamRecord {
  return {
    eventID: placement.eventId ?? randomBytes(16).toString('hex'),
    eventName: change.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: placement.region,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(placement.createdAtMs / 1000),
      Keys: change.keys,
      ...(change.newImage ? { NewImage: change.newImage } : {}),
      ...(change.oldImage ? { OldImage: change.oldImage } : {}),
      SequenceNumber: placement.sequenceNumber,
      SizeBytes: change.sizeBytes,
      StreamViewType: change.viewType,
    },
  };
}
