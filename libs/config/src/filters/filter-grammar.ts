// The filter-pattern grammar shared by Lambda filter criteria (Kinesis, DynamoDB Streams) and
// EventBridge event patterns: a parsed pattern is checked and compiled into matchers in one pass
// that reports every problem with its path. Operators (AWS docs "Comparison operators for use in
// event patterns", "Lambda event filtering"):
//   exact value ["a", 3, true] · null [null] · empty [""] · equals-ignore-case · prefix · suffix
//   (both also with {"equals-ignore-case": …}) · wildcard · anything-but (values, prefix, suffix,
//   wildcard, equals-ignore-case) · numeric (=, <, <=, >, >=, ranges) · exists · cidr · $or
import { JsonNumber, type LosslessJson } from './lossless-json';

/** A value an exact-match list compares with. */
export type Scalar = null | boolean | string | JsonNumber;

/** One comparison of a numeric condition. */
export interface NumericCondition {
  readonly op: '=' | '<' | '<=' | '>' | '>=';
  readonly n: number;
}

/** How a string operand is compared: as given, or case-insensitively. */
export interface StringOperand {
  readonly text: string;
  readonly ignoreCase: boolean;
}

/** One element of a match list. */
export type LeafMatcher =
  | { readonly kind: 'equals'; readonly value: Scalar }
  | { readonly kind: 'equals-ignore-case'; readonly text: string }
  | { readonly kind: 'prefix' | 'suffix'; readonly operand: StringOperand }
  | { readonly kind: 'wildcard'; readonly regex: RegExp }
  | { readonly kind: 'anything-but'; readonly inner: readonly LeafMatcher[] }
  | { readonly kind: 'numeric'; readonly conditions: readonly NumericCondition[] }
  | { readonly kind: 'exists'; readonly exists: boolean }
  | { readonly kind: 'cidr'; readonly block: CidrBlock };

/** An IPv4 or IPv6 network. */
export interface CidrBlock {
  readonly version: 4 | 6;
  readonly network: bigint;
  readonly bits: number;
}

/** A field of a pattern: a match list or a nested pattern. */
export interface FieldMatcher {
  readonly key: string;
  readonly leaves?: readonly LeafMatcher[];
  readonly nested?: PatternNode;
}

/** A pattern object: every field must match, and each `$or` group by one alternative. */
export interface PatternNode {
  readonly fields: readonly FieldMatcher[];
  readonly ors: readonly (readonly PatternNode[])[];
}

/** One problem inside a pattern: `path` is relative to the pattern (e.g. `data.lang[0]`). */
export interface FilterProblem {
  readonly path: string;
  readonly problem: string;
  readonly value: unknown;
}

/**
 * Deepest nesting of pattern objects accepted. Real patterns nest a few levels (fields of the
 * payload); the bound keeps a hostile config from overflowing the stack while it is checked.
 */
export const MAX_FILTER_PATTERN_DEPTH = 32;

/** AWS: numeric matching covers −5.0e9 to +5.0e9 inclusive. */
export const NUMERIC_OPERAND_LIMIT = 5e9;

/** Operators a match list may hold, as AWS names them. */
export const FILTER_OPERATORS = [
  'prefix',
  'suffix',
  'equals-ignore-case',
  'wildcard',
  'anything-but',
  'numeric',
  'exists',
  'cidr',
] as const;

const LOWER_OPS: readonly string[] = ['>', '>='];
const UPPER_OPS: readonly string[] = ['<', '<='];
const COMPARISONS: readonly string[] = ['=', ...LOWER_OPS, ...UPPER_OPS];

type Obj = { readonly [key: string]: LosslessJson };

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonNumber);
}

function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'boolean' || typeof v === 'string' || v instanceof JsonNumber;
}

function finite(n: JsonNumber): boolean {
  return Number.isFinite(n.value);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Rules of the place a pattern is used. */
export interface GrammarRules {
  /** Top-level keys a pattern may use (absent: any key, as in EventBridge). */
  readonly rootKeys?: readonly string[];
  /** Names the stream kind in the message of a refused top-level key. */
  readonly streamKind?: string;
}

/** Checks and compiles parsed patterns; problems accumulate instead of throwing. */
export class PatternCompiler {
  readonly problems: FilterProblem[] = [];

  constructor(private readonly rules: GrammarRules = {}) {}

  /** Compiles a pattern object; the result is meaningful only when `problems` stayed empty. */
  root(value: LosslessJson): PatternNode {
    return this.node(value, '', true, 0);
  }

  private fail(path: string, problem: string, value: unknown): void {
    this.problems.push({ path, problem, value });
  }

  private node(value: LosslessJson, path: string, top: boolean, depth: number): PatternNode {
    const fields: FieldMatcher[] = [];
    const ors: PatternNode[][] = [];
    if (depth > MAX_FILTER_PATTERN_DEPTH) {
      this.fail(path, `nests deeper than ${MAX_FILTER_PATTERN_DEPTH} levels`, '…');
      return { fields, ors };
    }
    if (!isObject(value)) {
      this.fail(path, 'must be a pattern object', value);
      return { fields, ors };
    }
    const keys = Object.keys(value);
    if (keys.length === 0) this.fail(path, 'is an empty pattern object', value);
    for (const key of keys) {
      const v = value[key] as LosslessJson;
      const at = join(path, key);
      if (key === '$or') {
        ors.push(this.or(v, at, top, depth));
      } else if (top && this.rules.rootKeys && !this.rules.rootKeys.includes(key)) {
        const kind = this.rules.streamKind ? `${this.rules.streamKind} filters match` : 'patterns here may use';
        this.fail(at, `is not a filterable field: ${kind} only ${this.rules.rootKeys.join(', ')}`, v);
      } else if (Array.isArray(v)) {
        fields.push({ key, leaves: this.leaves(v, at) });
      } else if (isObject(v)) {
        fields.push({ key, nested: this.node(v, at, false, depth + 1) });
      } else {
        this.fail(at, 'must be a list of match values or a nested pattern object', v);
      }
    }
    return { fields, ors };
  }

  private or(v: LosslessJson, path: string, top: boolean, depth: number): PatternNode[] {
    if (!Array.isArray(v) || v.length < 2 || !v.every(isObject)) {
      this.fail(path, 'must be a list of at least two pattern objects', v);
      return [];
    }
    return v.map((alt, i) => this.node(alt, `${path}[${i}]`, top, depth + 1));
  }

  private leaves(list: readonly LosslessJson[], path: string): LeafMatcher[] {
    if (list.length === 0)
      this.fail(path, 'is an empty match list and matches nothing (use [null] to match null)', list);
    const out: LeafMatcher[] = [];
    list.forEach((item, i) => {
      const at = `${path}[${i}]`;
      if (item instanceof JsonNumber && !finite(item)) this.fail(at, 'must be a finite number', item.value);
      else if (isScalar(item)) out.push({ kind: 'equals', value: item });
      else if (isObject(item)) this.operator(item, at, out);
      else this.fail(at, 'must be a string, number, boolean, null or operator object (no nested lists)', item);
    });
    return out;
  }

  private operator(op: Obj, path: string, out: LeafMatcher[]): void {
    const keys = Object.keys(op);
    const name = keys[0] as string;
    if (keys.length !== 1 || !(FILTER_OPERATORS as readonly string[]).includes(name)) {
      this.fail(path, `must be an operator object with one of ${FILTER_OPERATORS.join(', ')}`, op);
      return;
    }
    const arg = op[name] as LosslessJson;
    const at = join(path, name);
    const matcher = this.operand(name as (typeof FILTER_OPERATORS)[number], arg, at);
    if (matcher) out.push(matcher);
  }

  private operand(name: (typeof FILTER_OPERATORS)[number], arg: LosslessJson, at: string): LeafMatcher | undefined {
    switch (name) {
      case 'prefix':
      case 'suffix': {
        const operand = this.stringOperand(arg, at, name);
        return operand && { kind: name, operand };
      }
      case 'equals-ignore-case':
        if (typeof arg === 'string') return { kind: 'equals-ignore-case', text: arg };
        return this.invalid(at, 'equals-ignore-case takes a string', arg);
      case 'wildcard': {
        const regex = this.wildcard(arg, at);
        return regex && { kind: 'wildcard', regex };
      }
      case 'exists':
        if (typeof arg === 'boolean') return { kind: 'exists', exists: arg };
        return this.invalid(at, 'exists takes true or false', arg);
      case 'numeric': {
        const conditions = this.numeric(arg, at);
        return conditions && { kind: 'numeric', conditions };
      }
      case 'anything-but': {
        const inner = this.anythingBut(arg, at);
        return inner && { kind: 'anything-but', inner };
      }
      case 'cidr': {
        const block = typeof arg === 'string' ? parseCidr(arg) : undefined;
        if (block) return { kind: 'cidr', block };
        return this.invalid(at, 'cidr takes an IPv4 or IPv6 network such as "10.0.0.0/24"', arg);
      }
    }
  }

  private invalid(path: string, problem: string, value: unknown): undefined {
    this.fail(path, problem, value);
    return undefined;
  }

  // "…" or {"equals-ignore-case": "…"}
  private stringOperand(arg: LosslessJson, at: string, name: string): StringOperand | undefined {
    if (typeof arg === 'string') return { text: arg, ignoreCase: false };
    if (isObject(arg) && Object.keys(arg).length === 1 && typeof arg['equals-ignore-case'] === 'string')
      return { text: arg['equals-ignore-case'], ignoreCase: true };
    return this.invalid(at, `${name} takes a string or {"equals-ignore-case": "…"}`, arg);
  }

  private wildcard(arg: LosslessJson, at: string): RegExp | undefined {
    if (typeof arg !== 'string') return this.invalid(at, 'wildcard takes a string', arg);
    const regex = wildcardRegex(arg);
    if (typeof regex === 'string') return this.invalid(at, regex, arg);
    return regex;
  }

  // ["=", 5] | [">", 0] | [">", 0, "<=", 5]: a lower bound comes first, then an upper bound.
  private numeric(arg: LosslessJson, at: string): NumericCondition[] | undefined {
    const usage = 'numeric takes ["=", n], [op, n] or [">" or ">=", low, "<" or "<=", high]';
    if (!Array.isArray(arg) || (arg.length !== 2 && arg.length !== 4)) return this.invalid(at, usage, arg);
    const conditions: NumericCondition[] = [];
    for (let i = 0; i < arg.length; i += 2) {
      const op = arg[i];
      const n = arg[i + 1];
      const ops = arg.length === 2 ? COMPARISONS : i === 0 ? LOWER_OPS : UPPER_OPS;
      if (typeof op !== 'string' || !ops.includes(op)) return this.invalid(at, usage, arg);
      if (!(n instanceof JsonNumber) || !finite(n))
        return this.invalid(at, `operand ${i / 2 + 1} must be a number`, arg);
      if (Math.abs(n.value) > NUMERIC_OPERAND_LIMIT)
        return this.invalid(at, `operands must lie within ±${NUMERIC_OPERAND_LIMIT} (AWS's numeric range)`, arg);
      conditions.push({ op: op as NumericCondition['op'], n: n.value });
    }
    const [low, high] = conditions;
    if (low && high && !(low.n < high.n)) return this.invalid(at, 'the range is empty (low must be below high)', arg);
    return conditions;
  }

  // A value, a list of strings or of numbers, or one of prefix/suffix/wildcard/equals-ignore-case.
  private anythingBut(arg: LosslessJson, at: string): LeafMatcher[] | undefined {
    const usage =
      'anything-but takes a string or number, a non-empty list of strings or of numbers, or one of ' +
      '{"prefix": "…"}, {"suffix": "…"}, {"wildcard": "…"}, {"equals-ignore-case": "…" or ["…"]}';
    if (typeof arg === 'string' || (arg instanceof JsonNumber && finite(arg))) return [{ kind: 'equals', value: arg }];
    if (Array.isArray(arg)) {
      const strings = arg.every((v) => typeof v === 'string');
      const numbers = arg.every((v) => v instanceof JsonNumber && finite(v));
      if (arg.length === 0 || !(strings || numbers)) return this.invalid(at, usage, arg);
      return arg.map((value) => ({ kind: 'equals', value: value as Scalar }));
    }
    if (!isObject(arg) || Object.keys(arg).length !== 1) return this.invalid(at, usage, arg);
    const [name] = Object.keys(arg) as [string];
    const inner = arg[name] as LosslessJson;
    const innerAt = join(at, name);
    if (name === 'prefix' || name === 'suffix') {
      if (typeof inner !== 'string') return this.invalid(innerAt, `${name} takes a string`, inner);
      return [{ kind: name, operand: { text: inner, ignoreCase: false } }];
    }
    if (name === 'wildcard' || name === 'equals-ignore-case') {
      // One text or a non-empty list of them.
      const list = Array.isArray(inner) ? inner : [inner];
      const path = (i: number) => (Array.isArray(inner) ? `${innerAt}[${i}]` : innerAt);
      if (list.length === 0)
        return this.invalid(innerAt, `${name} takes a string or a non-empty list of strings`, inner);
      const leaves = list.map((text, i) =>
        name === 'wildcard'
          ? this.operand('wildcard', text, path(i))
          : typeof text === 'string'
            ? ({ kind: 'equals-ignore-case', text } as const)
            : this.invalid(path(i), 'equals-ignore-case takes a string', text),
      );
      return leaves.every((l) => l) ? (leaves as LeafMatcher[]) : undefined;
    }
    return this.invalid(at, usage, arg);
  }
}

/**
 * The regular expression of a wildcard pattern (`*` = any run of characters, `\*` a literal
 * star, `\\` a literal backslash), or the reason it is refused (AWS refuses consecutive `*`).
 */
export function wildcardRegex(pattern: string): RegExp | string {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\') {
      const next = pattern.charAt(i + 1);
      if (next !== '*' && next !== '\\') return 'wildcard escapes only "*" and "\\" with a backslash';
      source += `\\${next}`;
      i++;
    } else if (c === '*') {
      if (pattern.charAt(i + 1) === '*') return 'wildcard must not hold consecutive "*"';
      source += '[\\s\\S]*';
    } else {
      source += c.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'u');
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses an IPv4 or IPv6 address to its bits, or undefined. */
export function parseIp(text: string): { version: 4 | 6; value: bigint } | undefined {
  const v4 = IPV4.exec(text);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { version: 4, value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
  }
  if (!/^[0-9A-Fa-f:]+$/.test(text) || !text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] as string);
  const tail = halves.length === 2 ? groups(halves[1] as string) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
  return { version: 6, value: all.reduce((acc, g) => (acc << 16n) | BigInt(`0x${g}`), 0n) };
}

/** Parses "address/bits" (IPv4 or IPv6) to a network, or undefined. */
export function parseCidr(text: string): CidrBlock | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  const width = ip.version === 4 ? 32 : 128;
  if (bits > width) return undefined;
  const shift = BigInt(width - bits);
  return { version: ip.version, network: (ip.value >> shift) << shift, bits };
}
