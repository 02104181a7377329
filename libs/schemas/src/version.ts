// "Newer version wins": the one ordering of post versions used everywhere (repositories,
// consumer, tests). A version is `editedAt ?? createdAt` at full (nanosecond) precision, then the
// record's position in its stream, so two versions of one instant still have a winner.
import { postVersionKey } from './codec';
import { SchemaViolationError } from './errors';
import { formatUtcKey, parseIsoTimestamp } from './iso-time';
import type { SocialPost } from './types';

/** Where a record was read: its Kinesis sequence number and, inside a KPL aggregate, its index. */
export interface StreamPosition {
  /** 1–129 decimal digits. */
  readonly sequenceNumber: string;
  readonly subSequenceNumber?: number;
}

const SEQUENCE_NUMBER = /^\d{1,129}$/;
/** Sub-record indices are array indices of an aggregate: below 2^32, so ten digits. */
const SUB_DIGITS = 10;
const MAX_SUB = 2 ** 32 - 1;

/**
 * The comparable version of a post record: `<editedAt ?? createdAt as 30-character UTC with
 * nanoseconds>#<sequence number, length-prefixed>#<sub-record index, 10 digits, or "-">`.
 * Comparing two keys as strings (also in a DynamoDB condition expression) compares the versions:
 * the later edit wins at any precision the schema accepts; for one instant the later stream
 * position wins. The sequence number is written as its digit count (3 digits) then its digits
 * without leading zeros, which orders as numbers and is ~70 bytes shorter than zero-padding to
 * 129 digits (the key is stored on every post item).
 *
 * @throws SchemaViolationError naming `editedAt`/`createdAt`, `lineage.sequenceNumber` or
 * `lineage.subSequenceNumber` when one cannot be ordered.
 * @example
 * ```ts
 * recordVersionKey(post, { sequenceNumber: '42' }); // '2024-05-01T10:00:00.000000000Z#00242#-'
 * ```
 */
export function recordVersionKey(post: SocialPost, position: StreamPosition): string {
  const { sequenceNumber: seq, subSequenceNumber: sub } = position;
  if (typeof seq !== 'string' || !SEQUENCE_NUMBER.test(seq))
    throw new SchemaViolationError([
      { path: 'lineage.sequenceNumber', message: `expected 1–129 decimal digits, got ${JSON.stringify(seq)}` },
    ]);
  if (sub !== undefined && !(Number.isInteger(sub) && sub >= 0 && sub <= MAX_SUB))
    throw new SchemaViolationError([
      { path: 'lineage.subSequenceNumber', message: `expected an integer in 0..${MAX_SUB}, got ${String(sub)}` },
    ]);
  const digits = seq.replace(/^0+(?=\d)/, '');
  const subKey = sub === undefined ? '-' : String(sub).padStart(SUB_DIGITS, '0');
  return `${postVersionKey(post)}#${String(digits.length).padStart(3, '0')}${digits}#${subKey}`;
}

/**
 * An instant field (`createdAt`, …) as the 30-character UTC key of {@link formatUtcKey}, so
 * stored times sort at full precision whatever offset and fraction the producer wrote.
 *
 * @throws SchemaViolationError naming `path` when `value` is not an RFC 3339 timestamp.
 * @example
 * ```ts
 * instantKey('2024-05-01T12:00:00.0005+02:00', 'createdAt'); // '2024-05-01T10:00:00.000500000Z'
 * ```
 */
export function instantKey(value: string, path: string): string {
  const instant = typeof value === 'string' ? parseIsoTimestamp(value) : undefined;
  if (instant === undefined)
    throw new SchemaViolationError([
      { path, message: `expected ISO 8601 date-time with timezone, got ${JSON.stringify(value)}` },
    ]);
  return formatUtcKey(instant);
}
