// Record codec of the stream: bytes ⇄ SocialPost. Every failure is a PoisonRecordError
// subclass, so the consumer can quarantine it instead of retrying.
import { NotJsonError, NotUtf8Error, SchemaViolationError, TooLargeError, UnknownVersionError } from './errors';
import { formatUtcKey, parseIsoTimestamp } from './iso-time';
import { DEFAULT_MAX_RECORD_BYTES } from './limits';
import type { SocialPost } from './types';
import { CURRENT_SCHEMA_VERSION } from './types';
import { firstInvalidUtf8Offset } from './utf8';
import { parseSocialPost } from './validate';

/** Options of {@link decodePost}. */
export interface DecodeOptions {
  /** Largest accepted record in bytes; default {@link DEFAULT_MAX_RECORD_BYTES} (256 KiB). */
  readonly maxBytes?: number;
}

// fatal: malformed UTF-8 throws instead of turning into U+FFFD. Stateless when not streaming.
const UTF8_DECODER = new TextDecoder('utf-8', { fatal: true });
const UTF8_ENCODER = new TextEncoder();

/**
 * Decodes one stream record: size check, strict UTF-8, JSON, version check, validation.
 *
 * @throws TooLargeError, NotUtf8Error, NotJsonError, UnknownVersionError or
 * SchemaViolationError (all {@link PoisonRecordError}s); RangeError for a bad `maxBytes`.
 * @example
 * ```ts
 * const post = decodePost(Buffer.from(record.kinesis.data, 'base64'));
 * ```
 */
export function decodePost(bytes: Uint8Array, options: DecodeOptions = {}): SocialPost {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_RECORD_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new RangeError(`decodePost: maxBytes must be a positive integer, got ${String(maxBytes)}`);
  }
  if (bytes.byteLength > maxBytes) throw new TooLargeError(bytes.byteLength, maxBytes);
  let text: string;
  try {
    text = UTF8_DECODER.decode(bytes);
  } catch (cause) {
    throw new NotUtf8Error(firstInvalidUtf8Offset(bytes), { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new NotJsonError(cause instanceof Error ? cause.message : String(cause), { cause });
  }
  rejectNewerVersion(json);
  return parseSocialPost(json);
}

/**
 * Encodes a post as UTF-8 JSON. The post is validated first (so a producer never puts poison on
 * the stream) and only known fields are written, in a fixed order.
 *
 * @throws SchemaViolationError when `post` is not a valid post.
 * @example
 * ```ts
 * const data = encodePost(post); // Uint8Array for PutRecords
 * ```
 */
export function encodePost(post: SocialPost): Uint8Array {
  return UTF8_ENCODER.encode(JSON.stringify(parseSocialPost(post)));
}

/**
 * The ordering key of "newer version wins": `editedAt ?? createdAt` as a fixed-width UTC
 * timestamp with nanoseconds (`2024-05-01T10:00:00.000000000Z`), so comparing two keys as
 * strings (e.g. in a DynamoDB condition expression) compares the instants.
 *
 * @throws SchemaViolationError when the timestamp is not valid.
 * @example
 * ```ts
 * postVersionKey({ ...post, createdAt: '2024-05-01T12:00:00+02:00' }); // '2024-05-01T10:00:00.000000000Z'
 * ```
 */
export function postVersionKey(post: SocialPost): string {
  const path = post.editedAt === undefined ? 'createdAt' : 'editedAt';
  const value = post.editedAt ?? post.createdAt;
  const instant = parseIsoTimestamp(value);
  if (instant === undefined) {
    throw new SchemaViolationError([
      { path, message: `expected ISO 8601 date-time with timezone, got ${JSON.stringify(value)}` },
    ]);
  }
  return formatUtcKey(instant);
}

// A higher version from a newer producer is a different kind of poison than a broken record:
// it becomes processable after a deploy, so it gets its own reason.
function rejectNewerVersion(json: unknown): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return;
  const version = (json as Record<string, unknown>)['schemaVersion'];
  if (typeof version === 'number' && Number.isInteger(version) && version > CURRENT_SCHEMA_VERSION) {
    throw new UnknownVersionError(version, CURRENT_SCHEMA_VERSION);
  }
}
