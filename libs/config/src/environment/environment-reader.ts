// The typed reader of a function's environment: each read names its variable and what it is
// for; every problem is collected, then thrown at once as one error listing them.
import { FunctionEnvironmentError } from '../errors';

/** The process environment (or a test's stand-in). */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** One problem of a variable. */
export interface EnvironmentProblem {
  readonly variable: string;
  /** Reads after the variable name: "is required (…)", "must be …, got "x"". */
  readonly problem: string;
}

/** An inclusive integer or number range. */
export interface EnvRange {
  readonly min: number;
  readonly max: number;
}

/**
 * Reads variables and collects problems; `done()` throws them.
 *
 * @example
 * ```ts
 * const env = new EnvironmentReader(process.env);
 * const table = env.required('POSTS_TABLE', 'name of the DynamoDB posts table');
 * env.done(); // throws FunctionEnvironmentError: "POSTS_TABLE is required (name of the DynamoDB posts table)"
 * ```
 */
export class EnvironmentReader {
  private readonly problems: EnvironmentProblem[] = [];

  constructor(private readonly env: EnvSource) {}

  /** A present, non-blank variable (trimmed); '' after reporting when missing. */
  required(name: string, what: string): string {
    const value = this.env[name]?.trim();
    if (value) return value;
    this.problems.push({ variable: name, problem: `is required (${what})` });
    return '';
  }

  /** A variable's trimmed value, undefined when absent or blank. */
  optional(name: string): string | undefined {
    return this.env[name]?.trim() || undefined;
  }

  /** A decimal integer in `range`; required unless `fallback` is given. */
  integer(name: string, range: EnvRange, what: string, fallback?: number): number {
    return this.numberIn(name, range, what, { integer: true, fallback });
  }

  /** A decimal number in `range` (fractions allowed); required unless `fallback` is given. */
  number(name: string, range: EnvRange, what: string, fallback?: number): number {
    return this.numberIn(name, range, what, { integer: false, fallback });
  }

  /** `true` or `false`; required. */
  boolean(name: string, what: string): boolean {
    const raw = this.required(name, what);
    if (raw === 'true' || raw === 'false') return raw === 'true';
    if (raw !== '') this.problems.push({ variable: name, problem: `must be true or false, got "${raw}"` });
    return false;
  }

  /** One of `values`; required unless `fallback` is given. */
  oneOf<T extends string>(name: string, values: readonly T[], what: string, fallback?: T): T {
    const raw = fallback === undefined ? this.required(name, what) : (this.optional(name) ?? fallback);
    if ((values as readonly string[]).includes(raw)) return raw as T;
    if (raw !== '')
      this.problems.push({ variable: name, problem: `must be one of ${values.join(', ')}, got "${raw}"` });
    return (fallback ?? values[0]) as T;
  }

  /** Reports a problem found by the caller's own check. */
  fail(name: string, problem: string): void {
    this.problems.push({ variable: name, problem });
  }

  /** Throws every problem found so far as one FunctionEnvironmentError. */
  done(): void {
    if (this.problems.length > 0) throw new FunctionEnvironmentError(this.problems);
  }

  private numberIn(
    name: string,
    range: EnvRange,
    what: string,
    o: { integer: boolean; fallback: number | undefined },
  ): number {
    const raw = o.fallback === undefined ? this.required(name, what) : this.optional(name);
    if (raw === undefined) return o.fallback as number;
    if (raw === '') return range.min;
    const n = Number(raw);
    const shape = o.integer ? /^[0-9]+$/ : /^[0-9]+(\.[0-9]+)?$/;
    if (shape.test(raw) && n >= range.min && n <= range.max) return n;
    const kind = o.integer ? 'an integer' : 'a number';
    this.problems.push({ variable: name, problem: `must be ${kind} from ${range.min} to ${range.max}, got "${raw}"` });
    return o.fallback ?? range.min;
  }
}
