// Typed readers over one raw config object. Each reader validates one key, reports a problem
// (never throws) and returns either the value or the default, so parsing always finishes and
// every problem of the file is reported in one go.
import type { IssueList } from './issues';
import { closestKey } from './suggest';

/** Inclusive range, optionally with AWS's "-1 = infinite" sentinel. */
export interface Range {
  readonly min: number;
  readonly max: number;
  readonly unbounded?: number;
  /** The minimum itself is not allowed: (min, max]. */
  readonly exclusiveMin?: boolean;
}

/** Renders a range the way messages show it: `1–500`, `-1 or 0–10000`, `≥ 1`. */
export function describeRange(range: Range): string {
  const open = range.max === Number.POSITIVE_INFINITY;
  const span = range.exclusiveMin
    ? open
      ? `> ${range.min}`
      : `(${range.min}, ${range.max}]`
    : open
      ? `≥ ${range.min}`
      : `${range.min}–${range.max}`;
  return range.unbounded === undefined ? span : `${range.unbounded} or ${span}`;
}

/** True for plain objects (YAML mappings), not arrays or null. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validating reader for the keys of one config object at `path` (e.g. `streamlens:consumer`). */
export class Fields {
  readonly raw: Record<string, unknown>;

  /**
   * @param known every key this object may hold; others are reported with a suggestion.
   */
  constructor(
    readonly issues: IssueList,
    readonly path: string,
    raw: unknown,
    known: readonly string[],
  ) {
    if (raw !== undefined && !isRecord(raw)) {
      issues.add(path, raw, 'must be a mapping of keys', `keys ${known.join(', ')}`);
    }
    this.raw = isRecord(raw) ? raw : {};
    for (const key of Object.keys(this.raw)) {
      if (!known.includes(key)) this.reportUnknown(key, known);
    }
  }

  /** Full key of a child, e.g. `streamlens:consumer.batchSize`. */
  key(name: string): string {
    return this.path.endsWith(':') ? `${this.path}${name}` : `${this.path}.${name}`;
  }

  /** True when the key is present (even if null). */
  has(name: string): boolean {
    return this.raw[name] !== undefined;
  }

  /** True unless the key already has an issue: mode-dependent rules skip invalid modes. */
  valid(name: string): boolean {
    return !this.issues.has(this.key(name));
  }

  /** Nested reader for an object-valued key. */
  child(name: string, known: readonly string[]): Fields {
    return new Fields(this.issues, this.key(name), this.raw[name], known);
  }

  /** Reports a problem on a child key. */
  fail(name: string, problem: string, allowed: string): void {
    this.issues.add(this.key(name), this.raw[name], problem, allowed);
  }

  /** An integer within `range` (or its -1 sentinel); `fallback` when absent. */
  int(name: string, range: Range, fallback: number): number {
    return this.numberIn(name, range, fallback, true);
  }

  /** A finite number within `range`; `fallback` when absent. */
  number(name: string, range: Range, fallback: number): number {
    return this.numberIn(name, range, fallback, false);
  }

  /** A boolean; `fallback` when absent. */
  bool(name: string, fallback: boolean): boolean {
    const value = this.raw[name];
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.fail(name, 'must be a boolean', 'true or false');
    return fallback;
  }

  /** One of `values`; `fallback` when absent. */
  oneOf<T extends string | number>(name: string, values: readonly T[], fallback: T): T {
    const value = this.raw[name];
    if (value === undefined) return fallback;
    if (values.includes(value as T)) return value as T;
    this.fail(name, 'is not an allowed value', values.join(' | '));
    return fallback;
  }

  /**
   * A string of at most `maxLength` UTF-16 code units matching `pattern`; undefined when absent
   * (callers decide if it is required). The length is checked first, so a pattern that
   * backtracks on long input only ever sees short strings.
   */
  string(name: string, pattern: RegExp, allowed: string, maxLength = Number.POSITIVE_INFINITY): string | undefined {
    const value = this.raw[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      this.fail(name, 'must be a string', allowed);
    } else if (value.length > maxLength) {
      this.fail(name, `is ${value.length} characters long, over the limit of ${maxLength}`, allowed);
    } else if (!pattern.test(value)) {
      this.fail(name, 'has the wrong shape', allowed);
    } else {
      return value;
    }
    return undefined;
  }

  /** Reports a key that only applies in another mode (e.g. shardCount of an on-demand stream). */
  forbid(name: string, reason: string): void {
    if (this.has(name)) this.fail(name, `must not be set ${reason}`, 'no value');
  }

  private numberIn(name: string, range: Range, fallback: number, integer: boolean): number {
    const value = this.raw[name];
    if (value === undefined) return fallback;
    const kind = integer ? 'an integer' : 'a number';
    if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      this.fail(name, `must be ${kind}`, describeRange(range));
      return fallback;
    }
    const aboveMin = range.exclusiveMin ? value > range.min : value >= range.min;
    if (value === range.unbounded || (aboveMin && value <= range.max)) return value;
    this.fail(name, 'is out of range', describeRange(range));
    return fallback;
  }

  private reportUnknown(name: string, known: readonly string[]): void {
    const suggestion = closestKey(name, known);
    const problem = suggestion ? `unknown key; did you mean "${suggestion}"?` : 'unknown key';
    this.issues.add(this.key(name), this.raw[name], problem, `keys ${known.join(', ')}`);
  }
}
