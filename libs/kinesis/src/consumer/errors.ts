// Typed errors of the consumer helpers. A corrupt KPL aggregate is poison and uses
// CorruptAggregateError from @streamlens/schemas, so the consumer quarantines it like any other.

/** Base class of the consumer helpers' errors. */
export class KinesisConsumerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KinesisConsumerError';
  }
}

// JSON for what JSON can show (strings quoted, so '' and ' 1' stay visible); a bigint or an
// object JSON cannot serialise would otherwise turn this error into a TypeError.
function describeValue(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * A sequence number is not 1–129 decimal digits. Lambda never sends one; reporting it in
 * `batchItemFailures` would make Lambda fail the whole batch, so it is refused up front.
 */
export class InvalidSequenceNumberError extends KinesisConsumerError {
  constructor(readonly sequenceNumber: unknown) {
    super(`sequence number must be 1–129 decimal digits, got ${describeValue(sequenceNumber)}`);
    this.name = 'InvalidSequenceNumberError';
  }
}
