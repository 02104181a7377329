// Stream sequence numbers: decimal strings, increasing across the whole emulator (one counter,
// like DynamoDB Local's), zero-padded so that string order is numeric order in the store.
import { SEQUENCE_NUMBER_DIGITS } from './constants';
import { StreamsValidationError } from './errors';

/** The wire form of a sequence number. */
export function formatSequenceNumber(n: bigint): string {
  return n.toString().padStart(SEQUENCE_NUMBER_DIGITS, '0');
}

/**
 * Parses a sequence number a client sent (21–40 digits, as the API allows).
 *
 * @throws StreamsValidationError naming the parameter when it is not one.
 */
export function parseSequenceNumber(value: unknown, parameter: string): bigint {
  if (typeof value !== 'string' || !/^\d{21,40}$/.test(value)) {
    throw new StreamsValidationError(
      `Invalid ${parameter}: ${JSON.stringify(value)} (a sequence number is a string of 21 to 40 digits)`,
    );
  }
  return BigInt(value);
}
