// One filter pattern, from what a stack file or a caller gives (a YAML mapping, a parsed object
// or a string of JSON) to what every user of it needs: the problems, the text infra deploys
// (numbers exactly as written) and the matcher the local mapping applies. Config validation, the
// local event-source mapping and infra's serialisation all go through here.
import type { JsonSyntaxError } from '../errors';
import { PatternCompiler, type FilterProblem, type GrammarRules } from './filter-grammar';
import { nodeMatches, rootKeysOf } from './filter-matcher';
import {
  JsonNumber,
  parseLosslessJson,
  stringifyLosslessJson,
  toLosslessJson,
  type LosslessJson,
} from './lossless-json';

/** Lambda's quota of filters per event-source mapping (raisable to 10 on request). */
export const MAX_FILTERS = 5;

/** Lambda's limit on the length of one filter pattern (FilterCriteria.Filters[].Pattern). */
export const MAX_FILTER_PATTERN_LENGTH = 4096;

/** Kinesis event-source mappings filter on `data` only (AWS: "only support filtering on the data key"). */
export const KINESIS_FILTER_ROOT_KEYS = ['data'] as const;

/** DynamoDB Streams filters match the whole event record. */
export const DYNAMODB_STREAMS_FILTER_ROOT_KEYS = [
  'eventID',
  'eventName',
  'eventVersion',
  'eventSource',
  'awsRegion',
  'eventSourceARN',
  'userIdentity',
  'dynamodb',
] as const;

/** Where a pattern is used. */
export interface FilterPatternRules extends GrammarRules {
  /** Longest pattern text accepted (Lambda: 4,096 characters; absent: no limit). */
  readonly maxLength?: number;
}

/** The rules of a Kinesis event-source mapping's filter criteria. */
export const KINESIS_FILTER_RULES: FilterPatternRules = {
  rootKeys: KINESIS_FILTER_ROOT_KEYS,
  streamKind: 'Kinesis',
  maxLength: MAX_FILTER_PATTERN_LENGTH,
};

/** The rules of a DynamoDB Streams event-source mapping's filter criteria. */
export const DYNAMODB_STREAMS_FILTER_RULES: FilterPatternRules = {
  rootKeys: DYNAMODB_STREAMS_FILTER_ROOT_KEYS,
  streamKind: 'DynamoDB Streams',
  maxLength: MAX_FILTER_PATTERN_LENGTH,
};

/** A valid pattern. */
export interface CompiledFilterPattern {
  /** The pattern as compact JSON with numbers as written: what infra deploys. */
  readonly text: string;
  /** Top-level keys it reads (including those inside a top-level `$or`). */
  readonly rootKeys: ReadonlySet<string>;
  /** True when the document (lossless numbers) matches. */
  matches(document: LosslessJson): boolean;
}

/** The outcome of compiling one pattern. */
export type FilterPatternResult =
  | { readonly ok: true; readonly pattern: CompiledFilterPattern }
  | { readonly ok: false; readonly problems: readonly FilterProblem[] };

// Deep enough for any pattern the grammar accepts (32 levels of objects plus the operator
// objects and lists of a leaf); deeper input is only ever reported, never matched.
const CONVERSION_DEPTH = 64;

/** A problem's value as the user wrote it: plain numbers, plain objects. */
function toPlain(value: unknown, depth = CONVERSION_DEPTH + 8): unknown {
  if (value instanceof JsonNumber) return value.value;
  if (depth <= 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => toPlain(v, depth - 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v, depth - 1)]));
}

type Parsed = { readonly value: LosslessJson } | { readonly problem: FilterProblem };

function toPattern(input: unknown): Parsed {
  if (typeof input !== 'string') return { value: toLosslessJson(input, CONVERSION_DEPTH) };
  try {
    return { value: parseLosslessJson(input) };
  } catch (error) {
    try {
      // Valid JSON nested past the lossless parser's depth: the grammar reports it by path.
      return { value: toLosslessJson(JSON.parse(input), CONVERSION_DEPTH) };
    } catch {
      const problem = `is not valid JSON: ${(error as JsonSyntaxError).message}`;
      return { problem: { path: '', problem, value: input } };
    }
  }
}

/**
 * Checks one pattern and compiles it.
 *
 * @param input a parsed object (YAML mapping) or a string of JSON (numbers kept as written)
 * @example
 * ```ts
 * const r = compileFilterPattern('{"data":{"likes":[{"numeric":[">",100]}]}}', KINESIS_FILTER_RULES);
 * if (r.ok) r.pattern.text; // '{"data":{"likes":[{"numeric":[">",100]}]}}'
 * ```
 */
export function compileFilterPattern(input: unknown, rules: FilterPatternRules = {}): FilterPatternResult {
  const parsed = toPattern(input);
  if ('problem' in parsed) return { ok: false, problems: [parsed.problem] };
  const compiler = new PatternCompiler(rules);
  const root = compiler.root(parsed.value);
  if (compiler.problems.length > 0)
    return { ok: false, problems: compiler.problems.map((p) => ({ ...p, value: toPlain(p.value) })) };
  const text = stringifyLosslessJson(parsed.value);
  if (rules.maxLength !== undefined && text.length > rules.maxLength) {
    const problem = `is ${text.length} characters, over Lambda's ${rules.maxLength}`;
    return { ok: false, problems: [{ path: '', problem, value: input }] };
  }
  const rootKeys = rootKeysOf(root);
  return { ok: true, pattern: { text, rootKeys, matches: (document) => nodeMatches(root, document) } };
}
