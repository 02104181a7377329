// Typed errors of the consumer helpers. A corrupt KPL aggregate is poison and uses
// CorruptAggregateError from @streamlens/schemas, so the consumer quarantines it like any other.

/** Base class of the consumer helpers' errors. */
export class KinesisConsumerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KinesisConsumerError';
  }
}

/**
 * A sequence number is not 1–129 decimal digits. Lambda never sends one; reporting it in
 * `batchItemFailures` would make Lambda fail the whole batch, so it is refused up front.
 */
export class InvalidSequenceNumberError extends KinesisConsumerError {
  constructor(readonly sequenceNumber: unknown) {
    super(`sequence number must be 1–129 decimal digits, got ${JSON.stringify(sequenceNumber)}`);
    this.name = 'InvalidSequenceNumberError';
  }
}
