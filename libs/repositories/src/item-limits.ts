// DynamoDB's limits on one item, applied with the key attributes a table spec names, so an item
// that DynamoDB would refuse with a ValidationException is caught (and named) before it is sent:
// a refusal inside a BatchWriteItem fails every item of the call, not only the bad one.
import type { TableSpec } from '@streamlens/tables';
import { estimateItemSize, MAX_ITEM_BYTES } from './item-size';

/** DynamoDB's documented limits ("Service, account, and table quotas in Amazon DynamoDB"). */
export const DYNAMODB_LIMITS = {
  /** A partition key value: 1 to 2,048 bytes. */
  partitionKeyBytes: 2048,
  /** A sort key value: 1 to 1,024 bytes. */
  sortKeyBytes: 1024,
  /** An item, attribute names included: 400 KB. */
  itemBytes: MAX_ITEM_BYTES,
} as const;

/** Why an item cannot be stored: which attribute, and what is wrong with it. */
export interface ItemLimitProblem {
  readonly attribute: string;
  readonly problem: string;
  /** True when the item is only too large (it gets its own quarantine reason). */
  readonly tooLarge: boolean;
  readonly sizeBytes: number;
}

function keyProblem(item: Readonly<Record<string, unknown>>, name: string, maxBytes: number): string | undefined {
  const value = item[name];
  if (typeof value !== 'string') return `is a key attribute and must be a string, got ${typeof value}`;
  if (value.length === 0) return 'is a key attribute and must not be empty';
  // A UTF-16 code unit is at most 3 bytes of UTF-8: short keys need no counting.
  const bytes = value.length * 3 <= maxBytes ? value.length : Buffer.byteLength(value, 'utf8');
  return bytes > maxBytes ? `is ${bytes} bytes of UTF-8, over DynamoDB's ${maxBytes}-byte key limit` : undefined;
}

/**
 * The first reason DynamoDB would refuse `item` in a table of `spec`, or undefined when it fits:
 * the partition and sort key attributes the spec names must be non-empty strings within 2,048
 * and 1,024 bytes, and the item within 400 KB.
 *
 * @example
 * ```ts
 * itemLimitProblem(TABLE_SPECS.posts, { pk: `TAG#${'a'.repeat(2045)}`, sk: 'x' });
 * // { attribute: 'pk', problem: 'is 2049 bytes of UTF-8, over DynamoDB's 2048-byte key limit', ... }
 * ```
 */
export function itemLimitProblem(
  spec: Pick<TableSpec, 'hashKey' | 'rangeKey'>,
  item: Readonly<Record<string, unknown>>,
): ItemLimitProblem | undefined {
  const sizeBytes = estimateItemSize(item);
  const keys: [string, number][] = [[spec.hashKey.name, DYNAMODB_LIMITS.partitionKeyBytes]];
  if (spec.rangeKey) keys.push([spec.rangeKey.name, DYNAMODB_LIMITS.sortKeyBytes]);
  for (const [name, max] of keys) {
    const problem = keyProblem(item, name, max);
    if (problem) return { attribute: name, problem, tooLarge: false, sizeBytes };
  }
  if (sizeBytes > DYNAMODB_LIMITS.itemBytes)
    return {
      attribute: '(item)',
      problem: `is ${sizeBytes} bytes, over DynamoDB's ${DYNAMODB_LIMITS.itemBytes}-byte item limit`,
      tooLarge: true,
      sizeBytes,
    };
  return undefined;
}
