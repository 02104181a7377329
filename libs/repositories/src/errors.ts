// Typed errors of the repositories: each names the culprit (key, id, field) and the reason.

/** A DynamoDB item key as the repositories lay it out (`pk`/`sk` of TABLE_SPECS). */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** Base class of repository errors. */
export class RepositoryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RepositoryError';
  }
}

/** A repository was constructed with a bad option (names the option). */
export class RepositoryConfigError extends RepositoryError {
  constructor(
    readonly option: string,
    reason: string,
  ) {
    super(`repository option ${option}: ${reason}`);
    this.name = 'RepositoryConfigError';
  }
}

/** A record cannot be stored as given (unparseable time, non-numeric sequence number, ...). */
export class InvalidRecordError extends RepositoryError {
  constructor(
    readonly recordId: string,
    readonly field: string,
    reason: string,
  ) {
    super(`record ${recordId}: ${field} ${reason}`);
    this.name = 'InvalidRecordError';
  }
}

/** An item is over DynamoDB's 400 KB limit; it was not sent. */
export class ItemTooLargeError extends RepositoryError {
  constructor(
    readonly tableName: string,
    readonly key: ItemKey,
    readonly recordId: string,
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(
      `item ${key.pk} / ${key.sk} (record ${recordId}) in ${tableName} is ${sizeBytes} bytes, over the ${limitBytes}-byte item limit; not written`,
    );
    this.name = 'ItemTooLargeError';
  }
}

/**
 * DynamoDB refuses an item deterministically: a key over its byte limit found before sending, or
 * a ValidationException DynamoDB answered for this item alone. Retrying cannot help; the item was
 * not written (nor, for a post, anything derived from it).
 */
export class ItemRejectedError extends RepositoryError {
  constructor(
    readonly tableName: string,
    readonly key: ItemKey,
    readonly recordId: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      `item ${key.pk.slice(0, 80)} / ${key.sk.slice(0, 80)} (record ${recordId}) in ${tableName}: ${detail}`,
      options,
    );
    this.name = 'ItemRejectedError';
  }
}

/** A record left out of a write on purpose, with the reason. */
export interface RejectedRecord {
  /** Domain id of the record (post id, quarantine key, ...). */
  readonly id: string;
  readonly error: ItemTooLargeError | InvalidRecordError | ItemRejectedError;
}

/** What a multi-item write achieved before it gave up. */
export interface PartialWriteResult {
  /** Ids fully written. */
  readonly writtenIds: readonly string[];
  /** Ids deliberately not written because the stored version is newer. */
  readonly skippedIds: readonly string[];
  readonly rejected: readonly RejectedRecord[];
}

/** Why a bounded write or read gave up. */
export const GIVE_UP_REASONS = {
  attemptsExhausted: 'attempts-exhausted',
  timeExhausted: 'time-exhausted',
  nonRetryableError: 'non-retryable-error',
} as const;

/** A give-up reason. */
export type GiveUpReason = (typeof GIVE_UP_REASONS)[keyof typeof GIVE_UP_REASONS];

/** Details of a give-up. */
export interface GiveUp {
  readonly reason: GiveUpReason;
  readonly attempts: number;
  readonly elapsedMs: number;
  readonly cause?: unknown;
}

/**
 * Items were still unwritten when the retry bound (attempts or time) ran out, or a
 * non-retryable error stopped the write. Names every record (`ids`) and key (`keys`) not
 * written; `partial` says what did succeed, so nothing is lost silently.
 */
export class UnprocessedItemsError extends RepositoryError {
  readonly reason: GiveUpReason;
  readonly attempts: number;
  readonly elapsedMs: number;

  constructor(
    readonly tableName: string,
    readonly ids: readonly string[],
    readonly keys: readonly ItemKey[],
    giveUp: GiveUp,
    readonly partial: PartialWriteResult,
  ) {
    const shown = ids.slice(0, 20).join(', ') + (ids.length > 20 ? `, … (${ids.length} in all)` : '');
    super(
      `${ids.length} record(s) not written to ${tableName} (${giveUp.reason} after ${giveUp.attempts} attempt(s), ${giveUp.elapsedMs} ms): ${shown}`,
      {
        cause: giveUp.cause,
      },
    );
    this.name = 'UnprocessedItemsError';
    this.reason = giveUp.reason;
    this.attempts = giveUp.attempts;
    this.elapsedMs = giveUp.elapsedMs;
  }
}

/** A batch read still had unprocessed keys (or failed) when the retry bound ran out. */
export class UnprocessedKeysError extends RepositoryError {
  constructor(
    readonly tableName: string,
    readonly keys: readonly ItemKey[],
    readonly reason: GiveUpReason,
    cause?: unknown,
  ) {
    super(
      `${keys.length} key(s) of ${tableName} not read (${reason}): ${keys
        .slice(0, 10)
        .map((k) => `${k.pk}/${k.sk}`)
        .join(', ')}`,
      { cause },
    );
    this.name = 'UnprocessedKeysError';
  }
}

/** A pagination cursor is malformed or belongs to another query. */
export class InvalidCursorError extends RepositoryError {
  constructor(
    readonly cursor: string,
    reason: string,
  ) {
    super(`cursor "${cursor.slice(0, 40)}": ${reason}`);
    this.name = 'InvalidCursorError';
  }
}
