// Typed errors of the consumer app.

/** Base class of the consumer app's errors. */
export class ConsumerAppError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConsumerAppError';
  }
}

/** A Lambda event record that does not have the documented shape (names the field). */
export class InvalidEventRecordError extends ConsumerAppError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`Kinesis event record: ${field} ${reason}`);
    this.name = 'InvalidEventRecordError';
  }
}
