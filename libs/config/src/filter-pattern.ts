// Structural check of Lambda filter patterns (EventBridge-style syntax). A pattern AWS would
// accept but that can never match (wrong top-level field, empty match list) silently drops
// every record, so those are rejected here as well.
import { MAX_FILTER_PATTERN_LENGTH } from './constants';
import { isRecord } from './fields';

/** One problem inside a pattern: `path` is relative to the pattern (e.g. `data.lang`). */
export interface PatternProblem {
  readonly path: string;
  readonly problem: string;
  readonly value: unknown;
}

/**
 * Fields a Kinesis filter may match: AWS documents that Kinesis event-source mappings filter
 * on `data` only (the decoded JSON payload). `$or` combines alternatives.
 */
export const KINESIS_FILTER_FIELDS = ['data', '$or'] as const;

const STRING_OPERATORS = ['prefix', 'suffix', 'equals-ignore-case'] as const;
const OPERATORS = [...STRING_OPERATORS, 'exists', 'numeric', 'anything-but'] as const;
const LOWER = ['>', '>='];
const UPPER = ['<', '<='];
const COMPARISONS = ['=', ...LOWER, ...UPPER];

/**
 * Deepest nesting of pattern objects accepted. Real patterns nest a few levels (fields of the
 * payload); the bound keeps a hostile config from overflowing the stack while it is checked.
 */
export const MAX_FILTER_PATTERN_DEPTH = 32;

/** Validates a parsed pattern object and returns every problem found (empty when valid). */
export function checkFilterPattern(pattern: Record<string, unknown>): PatternProblem[] {
  const problems: PatternProblem[] = [];
  checkObject(pattern, '', true, problems, 0);
  // A pattern too deep to check is also too deep to serialise safely.
  if (problems.some((p) => p.problem.startsWith('nests deeper'))) return problems;
  const length = JSON.stringify(pattern).length;
  if (length > MAX_FILTER_PATTERN_LENGTH) {
    const problem = `is ${length} characters, over Lambda's ${MAX_FILTER_PATTERN_LENGTH}`;
    problems.push({ path: '', problem, value: pattern });
  }
  return problems;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function checkObject(
  obj: Record<string, unknown>,
  path: string,
  topLevel: boolean,
  out: PatternProblem[],
  depth: number,
): void {
  if (depth > MAX_FILTER_PATTERN_DEPTH) {
    out.push({ path, problem: `nests deeper than ${MAX_FILTER_PATTERN_DEPTH} levels`, value: '…' });
    return;
  }
  const keys = Object.keys(obj);
  if (keys.length === 0) out.push({ path, problem: 'is an empty pattern object', value: obj });
  for (const key of keys) {
    const value = obj[key];
    const at = join(path, key);
    if (topLevel && !(KINESIS_FILTER_FIELDS as readonly string[]).includes(key)) {
      out.push({ path: at, problem: 'is not a filterable field: Kinesis filters match only "data"', value });
    } else if (key === '$or') {
      checkOr(value, at, topLevel, out, depth + 1);
    } else if (Array.isArray(value)) {
      checkMatchList(value, at, out);
    } else if (isRecord(value)) {
      checkObject(value, at, false, out, depth + 1);
    } else {
      out.push({ path: at, problem: 'must be a list of match values or a nested pattern object', value });
    }
  }
}

function checkOr(value: unknown, path: string, topLevel: boolean, out: PatternProblem[], depth: number): void {
  if (!Array.isArray(value) || value.length < 2 || !value.every(isRecord)) {
    out.push({ path, problem: 'must be a list of at least two pattern objects', value });
    return;
  }
  value.forEach((alt, i) => checkObject(alt as Record<string, unknown>, `${path}[${i}]`, topLevel, out, depth));
}

function checkMatchList(list: unknown[], path: string, out: PatternProblem[]): void {
  if (list.length === 0) {
    out.push({ path, problem: 'is an empty match list and matches nothing (use [null] to match null)', value: list });
  }
  list.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (item === null || typeof item === 'string' || typeof item === 'boolean') return;
    if (typeof item === 'number' && Number.isFinite(item)) return;
    if (isRecord(item)) return checkOperator(item, at, out);
    out.push({ path: at, problem: 'must be a string, number, boolean, null or operator object', value: item });
  });
}

function checkOperator(op: Record<string, unknown>, path: string, out: PatternProblem[]): void {
  const keys = Object.keys(op);
  const name = keys[0];
  if (keys.length !== 1 || name === undefined || !(OPERATORS as readonly string[]).includes(name)) {
    out.push({ path, problem: `must be an operator object with one of ${OPERATORS.join(', ')}`, value: op });
    return;
  }
  const arg = op[name];
  const at = join(path, name);
  const ok =
    name === 'exists'
      ? typeof arg === 'boolean'
      : name === 'numeric'
        ? isNumericRange(arg)
        : name === 'anything-but'
          ? isAnythingBut(arg)
          : typeof arg === 'string';
  if (!ok) out.push({ path: at, problem: `has an invalid argument for "${name}"`, value: arg });
}

// ["=", 5] | [">", 0] | [">", 0, "<=", 5]: a lower bound comes first, then an upper bound.
function isNumericRange(arg: unknown): boolean {
  if (!Array.isArray(arg)) return false;
  const pairOk = (op: unknown, n: unknown, ops: readonly string[]): boolean =>
    typeof op === 'string' && ops.includes(op) && typeof n === 'number' && Number.isFinite(n);
  if (arg.length === 2) return pairOk(arg[0], arg[1], COMPARISONS);
  return arg.length === 4 && pairOk(arg[0], arg[1], LOWER) && pairOk(arg[2], arg[3], UPPER) && arg[1] < arg[3];
}

function isAnythingBut(arg: unknown): boolean {
  const scalar = (v: unknown): boolean => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
  if (scalar(arg)) return true;
  if (Array.isArray(arg)) return arg.length > 0 && arg.every(scalar);
  if (!isRecord(arg)) return false;
  const keys = Object.keys(arg);
  return keys.length === 1 && (keys[0] === 'prefix' || keys[0] === 'suffix') && typeof arg[keys[0]] === 'string';
}
