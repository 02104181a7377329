// Lambda filter-criteria patterns (the EventBridge pattern subset Lambda documents): compiled
// once, matched against a parsed document. Pure: no Kinesis, no I/O.
//   null [null] · empty [""] · equals ["a", 3, true] · and (several keys) · or ($or)
//   anything-but · numeric (=, <, <=, >, >=, ranges) · exists · prefix
import { FilterPatternError } from './errors';
import { JsonNumber, type LosslessJson } from './lossless-json';

type Scalar = null | boolean | string | JsonNumber;
type NumericCondition = { readonly op: '=' | '<' | '<=' | '>' | '>='; readonly n: number };

type LeafMatcher =
  | { readonly kind: 'equals'; readonly value: Scalar }
  | { readonly kind: 'prefix'; readonly prefix: string }
  | { readonly kind: 'anythingBut'; readonly values: readonly Scalar[]; readonly prefix?: string }
  | { readonly kind: 'numeric'; readonly conditions: readonly NumericCondition[] }
  | { readonly kind: 'exists'; readonly exists: boolean };

interface FieldMatcher {
  readonly key: string;
  readonly leaves?: readonly LeafMatcher[];
  readonly nested?: PatternNode;
}

interface PatternNode {
  readonly fields: readonly FieldMatcher[];
  /** Each group is one `$or`: at least one alternative must match. */
  readonly ors: readonly (readonly PatternNode[])[];
}

/** A compiled pattern. */
export interface CompiledPattern {
  /** Top-level keys the pattern reads (including those inside a top-level `$or`). */
  readonly rootKeys: ReadonlySet<string>;
  matches(document: LosslessJson): boolean;
}

type Doc = { [key: string]: LosslessJson };
const EMPTY: Doc = Object.create(null);
const LOWER_OPS = ['>', '>='] as const;
const UPPER_OPS = ['<', '<='] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonNumber);
}

function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'boolean' || typeof v === 'string' || v instanceof JsonNumber;
}

class Compiler {
  constructor(private readonly filterIndex: number) {}

  fail(path: string, reason: string): never {
    throw new FilterPatternError(this.filterIndex, path, reason);
  }

  node(value: LosslessJson, path: string): PatternNode {
    if (!isObject(value)) this.fail(path, 'must be an object');
    const entries = Object.entries(value);
    if (entries.length === 0) this.fail(path, 'must not be empty');
    const fields: FieldMatcher[] = [];
    const ors: PatternNode[][] = [];
    for (const [key, v] of entries) {
      const at = path ? `${path}.${key}` : key;
      if (key === '$or') ors.push(this.or(v, at));
      else if (Array.isArray(v)) fields.push({ key, leaves: this.leaves(v, at) });
      else if (isObject(v)) fields.push({ key, nested: this.node(v, at) });
      else this.fail(at, 'must be an array of values/operators or a nested object');
    }
    return { fields, ors };
  }

  private or(v: LosslessJson, path: string): PatternNode[] {
    if (!Array.isArray(v) || v.length < 2) this.fail(path, '$or must be an array of at least two patterns');
    return v.map((alt, i) => this.node(alt, `${path}[${i}]`));
  }

  private leaves(list: readonly LosslessJson[], path: string): LeafMatcher[] {
    if (list.length === 0) this.fail(path, 'must not be an empty array');
    return list.map((item, i) => {
      if (isScalar(item)) return { kind: 'equals', value: item };
      if (isObject(item)) return this.operator(item, `${path}[${i}]`);
      return this.fail(`${path}[${i}]`, 'nested arrays are not allowed');
    });
  }

  private operator(item: { [key: string]: LosslessJson }, path: string): LeafMatcher {
    const keys = Object.keys(item);
    if (keys.length !== 1) this.fail(path, `an operator object must have exactly one key, got ${JSON.stringify(keys)}`);
    const op = keys[0] as string;
    const arg = item[op] as LosslessJson;
    switch (op) {
      case 'prefix':
        if (typeof arg !== 'string') this.fail(path, 'prefix takes a string');
        return { kind: 'prefix', prefix: arg };
      case 'exists':
        if (typeof arg !== 'boolean') this.fail(path, 'exists takes true or false');
        return { kind: 'exists', exists: arg };
      case 'anything-but':
        return this.anythingBut(arg, path);
      case 'numeric':
        return { kind: 'numeric', conditions: this.numeric(arg, path) };
      default:
        return this.fail(
          path,
          `unsupported operator ${JSON.stringify(op)} (supported: prefix, exists, anything-but, numeric)`,
        );
    }
  }

  private anythingBut(arg: LosslessJson, path: string): LeafMatcher {
    if (isObject(arg)) {
      const p = arg['prefix'];
      if (Object.keys(arg).length !== 1 || typeof p !== 'string')
        this.fail(path, 'anything-but takes a value, a list of values, or {"prefix": "..."}');
      return { kind: 'anythingBut', values: [], prefix: p };
    }
    const values = Array.isArray(arg) ? arg : [arg];
    if (values.length === 0 || !values.every(isScalar))
      this.fail(path, 'anything-but takes a value or a non-empty list of values');
    return { kind: 'anythingBut', values: values as Scalar[] };
  }

  private numeric(arg: LosslessJson, path: string): NumericCondition[] {
    if (!Array.isArray(arg) || arg.length === 0 || arg.length % 2 !== 0 || arg.length > 4) {
      this.fail(path, 'numeric takes ["=", n], [op, n] or [lowerOp, n, upperOp, n]');
    }
    const conditions: NumericCondition[] = [];
    for (let i = 0; i < arg.length; i += 2) {
      const op = arg[i];
      const n = arg[i + 1];
      if (!(n instanceof JsonNumber)) this.fail(path, `numeric operand ${i / 2 + 1} must be a number`);
      if (op !== '=' && op !== '<' && op !== '<=' && op !== '>' && op !== '>=')
        this.fail(path, `unknown numeric operator ${JSON.stringify(op)}`);
      conditions.push({ op, n: n.value });
    }
    const [first, second] = conditions;
    if (second) {
      const ordered =
        first &&
        (LOWER_OPS as readonly string[]).includes(first.op) &&
        (UPPER_OPS as readonly string[]).includes(second.op);
      if (!ordered) this.fail(path, 'a numeric range is [">" or ">=", low, "<" or "<=", high]');
    }
    return conditions;
  }
}

function equalScalars(a: Scalar, b: LosslessJson): boolean {
  if (a instanceof JsonNumber) return b instanceof JsonNumber && b.text === a.text;
  return a === b;
}

function numericHolds(c: NumericCondition, x: number): boolean {
  switch (c.op) {
    case '=':
      return x === c.n;
    case '<':
      return x < c.n;
    case '<=':
      return x <= c.n;
    case '>':
      return x > c.n;
    case '>=':
      return x >= c.n;
  }
}

/** Matches one present, non-array value; objects are not leaves and match no leaf operator. */
function leafMatches(m: LeafMatcher, v: LosslessJson): boolean {
  if (isObject(v)) return false;
  switch (m.kind) {
    case 'equals':
      return equalScalars(m.value, v);
    case 'prefix':
      return typeof v === 'string' && v.startsWith(m.prefix);
    case 'anythingBut':
      if (m.prefix !== undefined) return typeof v === 'string' && !v.startsWith(m.prefix);
      return !m.values.some((x) => equalScalars(x, v));
    case 'numeric':
      return v instanceof JsonNumber && m.conditions.every((c) => numericHolds(c, v.value));
    case 'exists':
      return m.exists;
  }
}

function leavesMatch(leaves: readonly LeafMatcher[], v: LosslessJson | undefined): boolean {
  const absent = v === undefined || (Array.isArray(v) && v.length === 0);
  if (absent) return leaves.some((m) => m.kind === 'exists' && !m.exists);
  const values = Array.isArray(v) ? v : [v];
  return leaves.some((m) => values.some((x) => !Array.isArray(x) && leafMatches(m, x)));
}

function nodeMatches(node: PatternNode, value: LosslessJson | undefined): boolean {
  if (Array.isArray(value)) return value.some((el) => isObject(el) && nodeMatches(node, el));
  const doc: Doc = isObject(value) ? (value as Doc) : EMPTY;
  for (const f of node.fields) {
    const v = Object.prototype.hasOwnProperty.call(doc, f.key) ? doc[f.key] : undefined;
    const ok = f.leaves ? leavesMatch(f.leaves, v) : nodeMatches(f.nested as PatternNode, v);
    if (!ok) return false;
  }
  return node.ors.every((alts) => alts.some((alt) => nodeMatches(alt, doc)));
}

function rootKeysOf(node: PatternNode, into: Set<string>): Set<string> {
  for (const f of node.fields) into.add(f.key);
  for (const alts of node.ors) for (const alt of alts) rootKeysOf(alt, into);
  return into;
}

/**
 * Compiles one pattern. Throws FilterPatternError naming `filterIndex` and the path.
 * A field missing from the document matches only `{"exists": false}`; an array in the document
 * matches when any element does; an empty array counts as missing.
 *
 * @example
 * ```ts
 * const p = compilePattern(toLosslessJson({ data: { lang: ['en'], likes: [{ numeric: ['>', 10] }] } }), 0);
 * p.matches(parseLosslessJson('{"data":{"lang":"en","likes":12}}')); // true
 * ```
 */
export function compilePattern(pattern: LosslessJson, filterIndex: number): CompiledPattern {
  const root = new Compiler(filterIndex).node(pattern, '');
  return { rootKeys: rootKeysOf(root, new Set()), matches: (document) => nodeMatches(root, document) };
}
