// Pure helpers over wire-format attribute values: equality as DynamoDB sees it (a write that
// changes nothing emits no stream record) and item size as DynamoDB counts it (SizeBytes).
import type { AttributeMap, AttributeValue, KeySchemaElement } from './types';

const SET_TYPES = new Set(['SS', 'NS', 'BS']);

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const members = new Set(a);
  return b.every((v) => members.has(v));
}

/** True when two attribute values hold the same data (sets compare as sets, in any order). */
export function sameValue(a: AttributeValue, b: AttributeValue): boolean {
  const [typeA] = Object.keys(a) as (keyof AttributeValue)[];
  const [typeB] = Object.keys(b) as (keyof AttributeValue)[];
  if (typeA === undefined || typeA !== typeB) return false;
  const va = a[typeA];
  const vb = b[typeA];
  if (SET_TYPES.has(typeA)) return sameSet(va as readonly string[], vb as readonly string[]);
  if (typeA === 'L') {
    const la = va as readonly AttributeValue[];
    const lb = vb as readonly AttributeValue[];
    return la.length === lb.length && la.every((v, i) => sameValue(v, lb[i] as AttributeValue));
  }
  if (typeA === 'M') return sameItem(va as AttributeMap, vb as AttributeMap);
  return va === vb;
}

/** True when two items (or images) hold the same attributes with the same data. */
export function sameItem(a: AttributeMap | undefined, b: AttributeMap | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const names = Object.keys(a);
  if (names.length !== Object.keys(b).length) return false;
  return names.every(
    (name) => Object.hasOwn(b, name) && sameValue(a[name] as AttributeValue, b[name] as AttributeValue),
  );
}

/** The key attributes of an item, in key-schema order. */
export function keysOf(item: AttributeMap, keySchema: readonly KeySchemaElement[]): AttributeMap {
  const keys: Record<string, AttributeValue> = {};
  for (const { AttributeName } of keySchema) keys[AttributeName] = item[AttributeName] as AttributeValue;
  return keys;
}

const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const base64Bytes = (s: string): number => Buffer.from(s, 'base64').length;

/**
 * Bytes of a number: one per two significant digits plus one, as DynamoDB stores it (the
 * formula dynalite derived from the service: an even digit count on an odd boundary needs one
 * more byte, a negative number one more).
 */
export function numberSizeBytes(n: string): number {
  const negative = n.startsWith('-');
  const [mantissa = '', exponentPart = '0'] = n.replace(/^[+-]/, '').toLowerCase().split('e');
  const [intPart = '', fracPart = ''] = mantissa.split('.');
  const allDigits = intPart + fracPart;
  const first = allDigits.search(/[1-9]/);
  if (first < 0) return 1; // zero
  // Exponent of the first significant digit (123.4 → 2, 0.05 → -2), as big.js reports it.
  const exponent = intPart.length + Number(exponentPart) - first - 1;
  const significant = allDigits.slice(first).replace(/0+$/, '').length;
  const oddBoundary = significant % 2 !== 0 || exponent % 2 !== 0;
  return 1 + Math.ceil(significant / 2) + (oddBoundary ? 0 : 1) + (negative ? 1 : 0);
}

/** Bytes of one attribute value, without its name. */
export function valueSizeBytes(value: AttributeValue): number {
  if (value.S !== undefined) return utf8Bytes(value.S);
  if (value.N !== undefined) return numberSizeBytes(value.N);
  if (value.B !== undefined) return base64Bytes(value.B);
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8Bytes(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + numberSizeBytes(n), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + base64Bytes(b), 0);
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.L !== undefined) return 3 + value.L.reduce((sum, v) => sum + 1 + valueSizeBytes(v), 0);
  if (value.M !== undefined) return 3 + Object.keys(value.M).length + itemSizeBytes(value.M);
  return 0;
}

/** Bytes of an item: attribute names (UTF-8) plus their values, as DynamoDB counts item size. */
export function itemSizeBytes(item: AttributeMap): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += utf8Bytes(name) + valueSizeBytes(value);
  return size;
}
