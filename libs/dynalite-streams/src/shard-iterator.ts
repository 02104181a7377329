// Shard iterators: an opaque string naming a position in a shard (after a sequence number) and
// when it was issued, so an old one can expire as AWS's do after 15 minutes. The stream ARN leads
// the string, as DynamoDB Local's do, so a person reading logs sees which stream it belongs to.
import { StreamsValidationError } from './errors';

/** The position an iterator stands for. */
export interface IteratorPosition {
  readonly streamArn: string;
  readonly shardId: string;
  /** The next record returned is the first one after this sequence number. */
  readonly after: bigint;
  readonly issuedAtMs: number;
}

const VERSION = '1';
const MAX_LENGTH = 2048;

/** Encodes a position as a shard iterator string. */
export function encodeShardIterator(position: IteratorPosition): string {
  const body = JSON.stringify({ s: position.shardId, a: position.after.toString(), t: position.issuedAtMs });
  return `${position.streamArn}|${VERSION}|${Buffer.from(body).toString('base64url')}`;
}

/**
 * Decodes a shard iterator a client sent.
 *
 * @throws StreamsValidationError when it is not one this emulator issued.
 */
export function decodeShardIterator(iterator: unknown): IteratorPosition {
  const invalid = () => new StreamsValidationError('Invalid ShardIterator');
  if (typeof iterator !== 'string' || iterator.length < 1 || iterator.length > MAX_LENGTH) throw invalid();
  const last = iterator.lastIndexOf('|');
  const middle = iterator.lastIndexOf('|', last - 1);
  if (middle <= 0 || iterator.slice(middle + 1, last) !== VERSION) throw invalid();
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(iterator.slice(last + 1), 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { s, a, t } = (body ?? {}) as { s?: unknown; a?: unknown; t?: unknown };
  if (typeof s !== 'string' || typeof a !== 'string' || !/^\d+$/.test(a) || typeof t !== 'number') throw invalid();
  return { streamArn: iterator.slice(0, middle), shardId: s, after: BigInt(a), issuedAtMs: t };
}
