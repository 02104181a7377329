// Matching a compiled pattern against a JSON document (lossless numbers). A field missing from
// the document matches only {"exists": false}; an array in the document matches when any element
// does; an empty array counts as missing; objects are not leaves.
import type { CidrBlock, LeafMatcher, PatternNode, Scalar, StringOperand } from './filter-grammar';
import { parseIp } from './filter-grammar';
import { JsonNumber, type LosslessJson } from './lossless-json';

type Doc = { readonly [key: string]: LosslessJson };
const EMPTY: Doc = Object.create(null) as Doc;

function isObject(v: unknown): v is Doc {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonNumber);
}

// Numbers compare as written (300 ≠ 300.0), as Lambda documents for exact matches.
function equalScalars(a: Scalar, b: LosslessJson): boolean {
  if (a instanceof JsonNumber) return b instanceof JsonNumber && b.text === a.text;
  return a === b;
}

function lower(s: string): string {
  return s.toLowerCase();
}

function affix(kind: 'prefix' | 'suffix', operand: StringOperand, v: string): boolean {
  const [text, value] = operand.ignoreCase ? [lower(operand.text), lower(v)] : [operand.text, v];
  return kind === 'prefix' ? value.startsWith(text) : value.endsWith(text);
}

function inCidr(block: CidrBlock, v: string): boolean {
  const ip = parseIp(v);
  if (!ip || ip.version !== block.version) return false;
  const shift = BigInt((block.version === 4 ? 32 : 128) - block.bits);
  return (ip.value >> shift) << shift === block.network;
}

function numericHolds(op: string, x: number, n: number): boolean {
  switch (op) {
    case '=':
      return x === n;
    case '<':
      return x < n;
    case '<=':
      return x <= n;
    case '>':
      return x > n;
    default:
      return x >= n;
  }
}

// Operators that only ever look at strings: under anything-but a non-string never matches.
const STRING_ONLY = new Set(['prefix', 'suffix', 'wildcard', 'equals-ignore-case']);

/** Matches one present, non-array value. */
function leafMatches(m: LeafMatcher, v: LosslessJson): boolean {
  if (isObject(v)) return false;
  switch (m.kind) {
    case 'equals':
      return equalScalars(m.value, v);
    case 'equals-ignore-case':
      return typeof v === 'string' && lower(v) === lower(m.text);
    case 'prefix':
    case 'suffix':
      return typeof v === 'string' && affix(m.kind, m.operand, v);
    case 'wildcard':
      return typeof v === 'string' && m.regex.test(v);
    case 'anything-but':
      if (typeof v !== 'string' && m.inner.some((i) => STRING_ONLY.has(i.kind))) return false;
      return !m.inner.some((i) => leafMatches(i, v));
    case 'numeric':
      return v instanceof JsonNumber && m.conditions.every((c) => numericHolds(c.op, v.value, c.n));
    case 'exists':
      return m.exists;
    case 'cidr':
      return typeof v === 'string' && inCidr(m.block, v);
  }
}

function leavesMatch(leaves: readonly LeafMatcher[], v: LosslessJson | undefined): boolean {
  const absent = v === undefined || (Array.isArray(v) && v.length === 0);
  if (absent) return leaves.some((m) => m.kind === 'exists' && !m.exists);
  const values = Array.isArray(v) ? v : [v];
  return leaves.some((m) => values.some((x) => !Array.isArray(x) && leafMatches(m, x)));
}

/**
 * True when `value` matches the compiled pattern node.
 *
 * @example
 * ```ts
 * nodeMatches(compiler.root(parseLosslessJson('{"lang":["en"]}')), parseLosslessJson('{"lang":"en"}')); // true
 * ```
 */
export function nodeMatches(node: PatternNode, value: LosslessJson | undefined): boolean {
  if (Array.isArray(value)) return value.some((el) => isObject(el) && nodeMatches(node, el));
  const doc: Doc = isObject(value) ? value : EMPTY;
  for (const f of node.fields) {
    const v = Object.prototype.hasOwnProperty.call(doc, f.key) ? doc[f.key] : undefined;
    const ok = f.leaves ? leavesMatch(f.leaves, v) : nodeMatches(f.nested as PatternNode, v);
    if (!ok) return false;
  }
  return node.ors.every((alts) => alts.some((alt) => nodeMatches(alt, doc)));
}

/** The top-level keys a pattern reads (including those inside a top-level `$or`). */
export function rootKeysOf(node: PatternNode, into = new Set<string>()): Set<string> {
  for (const f of node.fields) into.add(f.key);
  for (const alts of node.ors) for (const alt of alts) rootKeysOf(alt, into);
  return into;
}
