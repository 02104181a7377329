// DynamoDB item size, estimated from native values the way DynamoDB counts it (names + values),
// so oversized items are rejected before they are sent and can be named.

/** DynamoDB's maximum item size: 400 KB including attribute names. */
export const MAX_ITEM_BYTES = 400 * 1024;

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Size of one attribute value in bytes (numbers counted at their 21-byte maximum: conservative). */
export function attributeValueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' || typeof value === 'bigint') return 21;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + attributeValueSize(v), 0);
  if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + attributeValueSize(v), 0);
  if (typeof value === 'object') {
    return 3 + Object.entries(value).reduce((sum, [k, v]) => sum + 1 + utf8(k) + attributeValueSize(v), 0);
  }
  return utf8(String(value));
}

/**
 * Estimated stored size of an item (top-level names + values), never below the real size.
 *
 * @example
 * ```ts
 * if (estimateItemSize(item) > MAX_ITEM_BYTES) reject(item);
 * ```
 */
export function estimateItemSize(item: Readonly<Record<string, unknown>>): number {
  return Object.entries(item).reduce(
    (sum, [k, v]) => (v === undefined ? sum : sum + utf8(k) + attributeValueSize(v)),
    0,
  );
}
