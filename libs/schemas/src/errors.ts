// Typed errors of record decoding: every record that can never succeed (poison) throws a
// subclass of PoisonRecordError, so consumers quarantine it instead of retrying forever.

/** Why a record is poison. Values are stable strings: they are stored with quarantined records. */
export const POISON_REASONS = {
  NOT_UTF8: 'not-utf8',
  NOT_JSON: 'not-json',
  SCHEMA_VIOLATION: 'schema-violation',
  TOO_LARGE: 'too-large',
  UNKNOWN_VERSION: 'unknown-version',
  CORRUPT_AGGREGATE: 'corrupt-aggregate',
  /** The Lambda event record carries no base64 `data` (nothing to decode, on every redelivery). */
  MISSING_DATA: 'missing-data',
  /** `kinesis.data` is a string but not strict base64 (characters outside the alphabet, bad padding). */
  NOT_BASE64: 'not-base64',
  /**
   * The event record is not what Lambda sends: no `kinesis` object, or an eventID, sequence number
   * or arrival time that cannot be read. It is quarantined under its batch's shard and position.
   */
  MALFORMED_EVENT_RECORD: 'malformed-event-record',
} as const;

/** One of the {@link POISON_REASONS} values. */
export type PoisonReason = (typeof POISON_REASONS)[keyof typeof POISON_REASONS];

/** One problem found by validation: where (dotted path, `$` for the root) and what. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

// A registry-wide brand, so isPoisonRecordError also recognises errors thrown by a second
// copy of this module (two bundles, jest module registries).
const BRAND = Symbol.for('streamlens.PoisonRecordError');

/**
 * Base class of every error for a record that can never be processed.
 *
 * @example
 * ```ts
 * try { decodePost(bytes); } catch (err) { if (isPoisonRecordError(err)) quarantine(err.reason); else throw err; }
 * ```
 */
export class PoisonRecordError extends Error {
  /** Stable reason code, stored with the quarantined record. */
  public readonly reason: PoisonReason;

  public constructor(reason: PoisonReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PoisonRecordError';
    this.reason = reason;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** The bytes are not well-formed UTF-8. */
export class NotUtf8Error extends PoisonRecordError {
  /** Offset of the first byte that is not valid UTF-8. */
  public readonly byteOffset: number;

  public constructor(byteOffset: number, options?: { cause?: unknown }) {
    super(POISON_REASONS.NOT_UTF8, `record is not valid UTF-8 (first bad byte at offset ${byteOffset})`, options);
    this.name = 'NotUtf8Error';
    this.byteOffset = byteOffset;
  }
}

/** The text is not JSON. */
export class NotJsonError extends PoisonRecordError {
  public constructor(detail: string, options?: { cause?: unknown }) {
    super(POISON_REASONS.NOT_JSON, `record is not JSON: ${detail}`, options);
    this.name = 'NotJsonError';
  }
}

/** The JSON does not match the schema; `issues` lists every problem with its path. */
export class SchemaViolationError extends PoisonRecordError {
  public readonly issues: readonly ValidationIssue[];

  public constructor(issues: readonly ValidationIssue[]) {
    super(POISON_REASONS.SCHEMA_VIOLATION, `record violates the post schema: ${formatIssues(issues)}`);
    this.name = 'SchemaViolationError';
    this.issues = issues;
  }
}

/** The record is larger than the allowed maximum. */
export class TooLargeError extends PoisonRecordError {
  public readonly byteLength: number;
  public readonly maxBytes: number;

  public constructor(byteLength: number, maxBytes: number) {
    super(POISON_REASONS.TOO_LARGE, `record is ${byteLength} bytes, more than the maximum of ${maxBytes}`);
    this.name = 'TooLargeError';
    this.byteLength = byteLength;
    this.maxBytes = maxBytes;
  }
}

/** The record carries a schema version newer than this build understands. */
export class UnknownVersionError extends PoisonRecordError {
  public readonly schemaVersion: number;
  public readonly maxSupported: number;

  public constructor(schemaVersion: number, maxSupported: number) {
    super(
      POISON_REASONS.UNKNOWN_VERSION,
      `schema version ${schemaVersion} is newer than this build understands (max ${maxSupported})`,
    );
    this.name = 'UnknownVersionError';
    this.schemaVersion = schemaVersion;
    this.maxSupported = maxSupported;
  }
}

/** A KPL aggregated record could not be deaggregated (bad protobuf or checksum). */
export class CorruptAggregateError extends PoisonRecordError {
  public constructor(detail: string, options?: { cause?: unknown }) {
    super(POISON_REASONS.CORRUPT_AGGREGATE, `KPL aggregated record is corrupt: ${detail}`, options);
    this.name = 'CorruptAggregateError';
  }
}

/**
 * A Lambda Kinesis event record has no base64 string in `kinesis.data`. Lambda never sends one,
 * but a hand-written or replayed event can; every redelivery is the same, so it is poison.
 */
export class MissingRecordDataError extends PoisonRecordError {
  public constructor(detail: string) {
    super(POISON_REASONS.MISSING_DATA, `Kinesis event record: kinesis.data ${detail}, expected a base64 string`);
    this.name = 'MissingRecordDataError';
  }
}

/** `kinesis.data` is not strict base64: decoding it leniently would silently drop characters. */
export class NotBase64Error extends PoisonRecordError {
  /** Offset of the first character that is not allowed there (or the length, for bad padding). */
  public readonly charOffset: number;

  public constructor(charOffset: number, detail: string) {
    super(POISON_REASONS.NOT_BASE64, `Kinesis event record: kinesis.data is not base64: ${detail}`);
    this.name = 'NotBase64Error';
    this.charOffset = charOffset;
  }
}

/** A Lambda Kinesis event record without the shape Lambda gives it (names the field). */
export class MalformedEventRecordError extends PoisonRecordError {
  public readonly field: string;

  public constructor(field: string, detail: string) {
    super(POISON_REASONS.MALFORMED_EVENT_RECORD, `Kinesis event record: ${field} ${detail}`);
    this.name = 'MalformedEventRecordError';
    this.field = field;
  }
}

/**
 * Tells whether `err` is a poison-record error (of this or another copy of this module).
 *
 * @example
 * ```ts
 * if (isPoisonRecordError(err)) console.log(err.reason);
 * ```
 */
export function isPoisonRecordError(err: unknown): err is PoisonRecordError {
  return err instanceof PoisonRecordError || (typeof err === 'object' && err !== null && BRAND in err);
}

// At most this many issues are spelled out in a message; `issues` keeps them all.
const MAX_ISSUES_IN_MESSAGE = 10;

function formatIssues(issues: readonly ValidationIssue[]): string {
  const shown = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}
