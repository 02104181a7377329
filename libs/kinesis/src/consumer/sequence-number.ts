// Kinesis sequence numbers: decimal strings of up to 129 digits, ordered as integers.
import { InvalidSequenceNumberError } from './errors';

const SEQUENCE_NUMBER = /^[0-9]{1,129}$/;

/**
 * Parses a sequence number to a BigInt.
 *
 * @throws InvalidSequenceNumberError when it is not 1–129 decimal digits.
 * @example
 * ```ts
 * parseSequenceNumber('49590338271490256608559692538361571095921575989136588898'); // 4959…n
 * ```
 */
export function parseSequenceNumber(sequenceNumber: string): bigint {
  if (typeof sequenceNumber !== 'string' || !SEQUENCE_NUMBER.test(sequenceNumber))
    throw new InvalidSequenceNumberError(sequenceNumber);
  return BigInt(sequenceNumber);
}

/**
 * Compares two sequence numbers as integers (not as strings: '9' < '10').
 *
 * @returns a negative number, 0 or a positive number.
 * @throws InvalidSequenceNumberError for a malformed operand.
 * @example
 * ```ts
 * compareSequenceNumbers('9', '10'); // < 0
 * ```
 */
export function compareSequenceNumbers(a: string, b: string): number {
  const x = parseSequenceNumber(a);
  const y = parseSequenceNumber(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
