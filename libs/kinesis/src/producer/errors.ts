// Typed errors of the producer core: every put settles with a result or one of these.

/** Base class of every error the producer raises. */
export class ProducerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProducerError';
  }
}

/** Invalid producer options; `option` names the culprit. */
export class ProducerConfigError extends ProducerError {
  constructor(
    readonly option: string,
    reason: string,
  ) {
    super(`Invalid producer option "${option}": ${reason}`);
    this.name = 'ProducerConfigError';
  }
}

/** A user record Kinesis would never accept; `field` names the culprit. */
export class InvalidUserRecordError extends ProducerError {
  constructor(
    readonly field: 'partitionKey' | 'data' | 'explicitHashKey',
    readonly reason: string,
    readonly partitionKey: string,
  ) {
    super(`Invalid user record (partitionKey "${partitionKey.slice(0, 64)}"): ${field} ${reason}`);
    this.name = 'InvalidUserRecordError';
  }
}

/** A record that could not be put within its TTL; `lastError` is the final failure seen. */
export class RecordExpiredError extends ProducerError {
  constructor(
    readonly partitionKey: string,
    readonly attempts: number,
    readonly ttlMs: number,
    readonly lastError: unknown,
  ) {
    super(
      `Record (partitionKey "${partitionKey.slice(0, 64)}") expired after ${attempts} attempt(s) within its ${ttlMs} ms TTL; ` +
        `last error: ${describeError(lastError)}`,
      { cause: lastError },
    );
    this.name = 'RecordExpiredError';
  }
}

/** A put Kinesis rejected for good (e.g. access denied, validation); retrying cannot help. */
export class PutRejectedError extends ProducerError {
  constructor(
    readonly partitionKey: string,
    readonly lastError: unknown,
  ) {
    super(`Record (partitionKey "${partitionKey.slice(0, 64)}") rejected by Kinesis: ${describeError(lastError)}`, {
      cause: lastError,
    });
    this.name = 'PutRejectedError';
  }
}

/** put() after close() was called. */
export class ProducerClosedError extends ProducerError {
  constructor() {
    super('The producer is closed: put() was called after close()');
    this.name = 'ProducerClosedError';
  }
}

/** A one-line description of any thrown value, for error messages. */
export function describeError(err: unknown): string {
  if (err === undefined) return 'none recorded (the record waited past its TTL before any attempt)';
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/** A failed entry of a PutRecords response (the call succeeded, this record did not). */
export class PutRecordsEntryError extends ProducerError {
  constructor(
    readonly code: string,
    detail: string,
  ) {
    super(`PutRecords entry failed with ${code}: ${detail}`);
    this.name = 'PutRecordsEntryError';
  }
}
