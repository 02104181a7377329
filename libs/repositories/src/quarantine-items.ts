// Quarantine table layout (pure): one item per poison record, keyed by its stream position so
// quarantining the same record again rewrites the same item.
//   Q#<shardId> / <sequenceNumber, 129 digits>#<subSequenceNumber, 6 digits | "-" | "@"position>
// A malformed event record (no readable shard or sequence number) is keyed by its batch's shard,
// the nearest readable sequence number and "@" + its position in the batch.
// Payloads are capped so the item stays under 400 KB (a Kinesis record may be 1–10 MiB): the
// stored bytes are the first MAX_STORED_PAYLOAD_BYTES, with the full size and SHA-256; the full
// record can be re-read from the stream by its sequence number while retention lasts.
import { createHash } from 'node:crypto';
import { InvalidRecordError, type ItemKey } from './errors';
import { isSequenceNumber, padNumber, SEQUENCE_NUMBER_WIDTH } from './item-key';
import { expiresAt, fixedIso } from './time-keys';

/** Raw payload bytes kept per record (base64 grows it to 320 KiB). */
export const MAX_STORED_PAYLOAD_BYTES = 240 * 1024;
/** Characters of error details kept per record. */
export const MAX_ERROR_DETAILS_CHARS = 4_000;

/** A record the consumer could never process, as handed to the quarantine. */
export interface QuarantinedRecord {
  readonly shardId: string;
  readonly sequenceNumber: string;
  /** Index of the user record inside a KPL aggregate, if it came from one. */
  readonly subSequenceNumber?: number;
  /**
   * For an event record Lambda would never send (no readable shard or sequence number): its
   * position in the batch; `shardId`/`sequenceNumber` are then the batch's shard and the nearest
   * readable sequence number.
   */
  readonly eventPosition?: number;
  /** Kinesis approximate arrival time, epoch ms. */
  readonly arrivedAt: number;
  /** ISO 8601 time of quarantining. */
  readonly quarantinedAt: string;
  /** Short machine-readable reason, e.g. "not-json", "schema", "too-large", "bad-utf8" (capped at 256 chars). */
  readonly reason: string;
  /** Human-readable details (validation issues, parser message); capped when stored. */
  readonly errorDetails: string;
  /** The record's data as received. */
  readonly payload: Uint8Array;
}

/** A quarantined record as read back. */
export interface StoredQuarantinedRecord extends QuarantinedRecord {
  /** Size of the original payload. */
  readonly payloadBytes: number;
  /** True when `payload` holds only the first MAX_STORED_PAYLOAD_BYTES bytes. */
  readonly payloadTruncated: boolean;
  /** Hex SHA-256 of the original payload. */
  readonly payloadSha256: string;
}

/** Partition of a shard's quarantined records. */
export function quarantinePartition(shardId: string): string {
  return `Q#${shardId}`;
}

/** Human-readable id of a record: shard/sequence[/sub]. */
export function quarantineId(
  r: Pick<QuarantinedRecord, 'shardId' | 'sequenceNumber' | 'subSequenceNumber' | 'eventPosition'>,
): string {
  const tail =
    r.eventPosition !== undefined
      ? `/@${r.eventPosition}`
      : r.subSequenceNumber !== undefined
        ? `/${r.subSequenceNumber}`
        : '';
  return `${r.shardId}/${r.sequenceNumber}${tail}`;
}

/** Deterministic key of a record's stream position; throws InvalidRecordError naming the field. */
export function quarantineKey(r: QuarantinedRecord): ItemKey {
  const id = quarantineId(r);
  if (typeof r.shardId !== 'string' || r.shardId.length === 0)
    throw new InvalidRecordError(id, 'shardId', 'must be a non-empty string');
  if (!isSequenceNumber(r.sequenceNumber))
    throw new InvalidRecordError(
      id,
      'sequenceNumber',
      `must be 1–129 decimal digits, got "${String(r.sequenceNumber)}"`,
    );
  const sub = r.subSequenceNumber;
  if (sub !== undefined && !(Number.isInteger(sub) && sub >= 0 && sub < 1_000_000))
    throw new InvalidRecordError(id, 'subSequenceNumber', `must be an integer in 0..999999, got ${sub}`);
  const pos = r.eventPosition;
  if (pos !== undefined && !(Number.isInteger(pos) && pos >= 0 && pos < 1_000_000))
    throw new InvalidRecordError(id, 'eventPosition', `must be an integer in 0..999999, got ${pos}`);
  const tail = pos !== undefined ? `@${padNumber(pos, 6)}` : sub === undefined ? '-' : padNumber(sub, 6);
  return { pk: quarantinePartition(r.shardId), sk: `${padNumber(r.sequenceNumber, SEQUENCE_NUMBER_WIDTH)}#${tail}` };
}

function capDetails(details: string): string {
  const s = String(details);
  return s.length <= MAX_ERROR_DETAILS_CHARS
    ? s
    : `${s.slice(0, MAX_ERROR_DETAILS_CHARS)}…[truncated ${s.length - MAX_ERROR_DETAILS_CHARS} chars]`;
}

/** The item of a quarantined record; expires `ttlDays` after quarantining. */
export function quarantineItem(r: QuarantinedRecord, ttlDays: number): Record<string, unknown> {
  const key = quarantineKey(r);
  const at = fixedIso(r.quarantinedAt, quarantineId(r), 'quarantinedAt');
  const bytes = Buffer.from(r.payload.buffer, r.payload.byteOffset, r.payload.byteLength);
  const kept = bytes.subarray(0, MAX_STORED_PAYLOAD_BYTES);
  return {
    ...key,
    shardId: r.shardId,
    sequenceNumber: r.sequenceNumber,
    subSequenceNumber: r.subSequenceNumber,
    eventPosition: r.eventPosition,
    // DynamoDB has no NaN or Infinity: a record without a readable arrival time gets 0.
    arrivedAt: Number.isFinite(r.arrivedAt) ? r.arrivedAt : 0,
    quarantinedAt: at,
    reason: String(r.reason).slice(0, 256),
    // Stored with a prefix so an empty value is never an empty string attribute.
    errorDetails: `:${capDetails(r.errorDetails)}`,
    payloadBase64: `:${kept.toString('base64')}`,
    payloadBytes: bytes.byteLength,
    payloadTruncated: kept.byteLength < bytes.byteLength,
    payloadSha256: createHash('sha256').update(bytes).digest('hex'),
    expiresAt: expiresAt(Date.parse(at), ttlDays),
  };
}

/** The record of a stored item. */
export function quarantinedFromItem(item: Readonly<Record<string, unknown>>): StoredQuarantinedRecord {
  return {
    shardId: String(item['shardId']),
    sequenceNumber: String(item['sequenceNumber']),
    ...(item['subSequenceNumber'] !== undefined ? { subSequenceNumber: Number(item['subSequenceNumber']) } : {}),
    ...(item['eventPosition'] !== undefined ? { eventPosition: Number(item['eventPosition']) } : {}),
    arrivedAt: Number(item['arrivedAt']),
    quarantinedAt: String(item['quarantinedAt']),
    reason: String(item['reason']),
    errorDetails: String(item['errorDetails']).slice(1),
    payload: new Uint8Array(Buffer.from(String(item['payloadBase64']).slice(1), 'base64')),
    payloadBytes: Number(item['payloadBytes']),
    payloadTruncated: item['payloadTruncated'] === true,
    payloadSha256: String(item['payloadSha256']),
  };
}

/** Order of listAll: shard, then stream position. */
export function compareQuarantined(a: StoredQuarantinedRecord, b: StoredQuarantinedRecord): number {
  const ka = quarantineKey(a);
  const kb = quarantineKey(b);
  return ka.pk < kb.pk ? -1 : ka.pk > kb.pk ? 1 : ka.sk < kb.sk ? -1 : ka.sk > kb.sk ? 1 : 0;
}
