// Layout of the local-only tables (pure).
//   checkpoints: MAPPING#<mappingId> / SHARD#<shardId>
//   failures:    ONFAILURE / <timestamp ISO>#<requestId>  (one partition: local volumes are tiny)
import type { Checkpoint } from './checkpoint-repository';
import { InvalidRecordError, type ItemKey } from './errors';
import type { OnFailureRecord } from './on-failure-record';
import { fixedIso } from './time-keys';

/** Partition of a mapping's checkpoints. */
export function checkpointPartition(mappingId: string): string {
  return `MAPPING#${mappingId}`;
}

/** Key of a checkpoint. */
export function checkpointKey(mappingId: string, shardId: string): ItemKey {
  if (!mappingId) throw new InvalidRecordError(`${mappingId}/${shardId}`, 'mappingId', 'must be a non-empty string');
  if (!shardId) throw new InvalidRecordError(`${mappingId}/${shardId}`, 'shardId', 'must be a non-empty string');
  return { pk: checkpointPartition(mappingId), sk: `SHARD#${shardId}` };
}

/** Item of a checkpoint. */
export function checkpointItem(mappingId: string, shardId: string, c: Checkpoint): Record<string, unknown> {
  return {
    ...checkpointKey(mappingId, shardId),
    shardId,
    sequenceNumber: c.sequenceNumber,
    updatedAt: c.updatedAt,
    ...(c.shardEnded !== undefined ? { shardEnded: c.shardEnded } : {}),
  };
}

/** Checkpoint of an item. */
export function checkpointFromItem(item: Readonly<Record<string, unknown>>): Checkpoint {
  return {
    sequenceNumber: String(item['sequenceNumber']),
    updatedAt: String(item['updatedAt']),
    ...(typeof item['shardEnded'] === 'boolean' ? { shardEnded: item['shardEnded'] } : {}),
  };
}

/** The single partition of on-failure records. */
export const FAILURES_PARTITION = 'ONFAILURE';

/** Key of an on-failure record: time-ordered, unique per invocation request. */
export function failureKey(record: OnFailureRecord): ItemKey {
  const id = record.requestContext?.requestId;
  if (!id) throw new InvalidRecordError(String(id), 'requestContext.requestId', 'must be a non-empty string');
  return { pk: FAILURES_PARTITION, sk: `${fixedIso(record.timestamp, id, 'timestamp')}#${id}` };
}
