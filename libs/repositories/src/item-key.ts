// Item keys: the generic `pk`/`sk` pair of every StreamLens table, and a map key for them.
import type { ItemKey } from './errors';

/** A string uniquely identifying a key, for Maps and de-duplication. */
export function keyString(key: ItemKey): string {
  return `${key.pk}\u0000${key.sk}`;
}

/** The key of a native item (reads its `pk` and `sk`). */
export function keyOf(item: Readonly<Record<string, unknown>>): ItemKey {
  return { pk: String(item['pk']), sk: String(item['sk']) };
}

/** Left-pads a non-negative integer (decimal string or number) to a fixed width so strings sort as numbers. */
export function padNumber(value: string | number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Kinesis sequence numbers are decimal strings of up to 129 digits. */
export const SEQUENCE_NUMBER_WIDTH = 129;

/** True for a Kinesis sequence number (1–129 decimal digits). */
export function isSequenceNumber(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,129}$/.test(value);
}
