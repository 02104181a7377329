// Admission checks: a user record Kinesis would refuse is rejected before it is buffered.
import { KINESIS_LIMITS } from './constants';
import { InvalidUserRecordError } from './errors';
import { parseExplicitHashKey, partitionKeyHash } from './hash-key';
import type { UserRecord } from './types';

/** What admission learns about a valid record. */
export interface CheckedRecord {
  /** UTF-8 bytes of the partition key. */
  readonly pkBytes: number;
  /** Partition key plus data bytes: what Kinesis counts against its limits. */
  readonly size: number;
  /** Hash key that routes the record (explicit or MD5 of the partition key). */
  readonly hashKey: bigint;
}

/**
 * Checks a user record against Kinesis limits.
 *
 * @throws InvalidUserRecordError naming the field and the reason.
 */
export function checkUserRecord(record: UserRecord): CheckedRecord {
  const pk: unknown = record?.partitionKey;
  if (typeof pk !== 'string') throw new InvalidUserRecordError('partitionKey', 'must be a string', String(pk));
  if (pk.length === 0 || pk.length > KINESIS_LIMITS.maxPartitionKeyLength) {
    throw new InvalidUserRecordError(
      'partitionKey',
      `must be 1–${KINESIS_LIMITS.maxPartitionKeyLength} characters long, got ${pk.length}`,
      pk,
    );
  }
  if (!(record.data instanceof Uint8Array)) throw new InvalidUserRecordError('data', 'must be a Uint8Array', pk);
  const pkBytes = Buffer.byteLength(pk, 'utf8');
  const size = pkBytes + record.data.length;
  if (size > KINESIS_LIMITS.maxRecordBytes) {
    throw new InvalidUserRecordError(
      'data',
      `is ${record.data.length} bytes; with the ${pkBytes}-byte partition key the record is ${size} bytes, ` +
        `over the ${KINESIS_LIMITS.maxRecordBytes}-byte Kinesis record limit`,
      pk,
    );
  }
  let hashKey: bigint;
  if (record.explicitHashKey === undefined) {
    hashKey = partitionKeyHash(pk);
  } else {
    const parsed =
      typeof record.explicitHashKey === 'string' ? parseExplicitHashKey(record.explicitHashKey) : undefined;
    if (parsed === undefined) {
      throw new InvalidUserRecordError(
        'explicitHashKey',
        `must be a decimal integer in [0, 2^128 − 1], got "${String(record.explicitHashKey).slice(0, 64)}"`,
        pk,
      );
    }
    hashKey = parsed;
  }
  return { pkBytes, size, hashKey };
}
