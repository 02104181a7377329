// Kinesis sequence numbers are decimal strings of up to 129 digits: compare them as BigInt.

/** Negative, zero or positive as `a` is below, equal to or above `b`. */
export function compareSequenceNumbers(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** True when `value` is a non-empty string of decimal digits. */
export function isSequenceNumber(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9]{1,129}$/.test(value);
}
