// Checks of built mapping settings against AWS's ranges (RANGES, the ones the stack-file parser
// uses): the guard of the local event-source mapping's API and of infra's mapping component, so
// settings that did not come through a stack file fail with the key named, before anything runs.
import { RANGES, STARTING_POSITIONS } from './constants';
import { compileFilterPattern, MAX_FILTERS, type FilterPatternRules } from './filters/filter-pattern';
import { FUNCTION_RESPONSE_TYPES, REPORT_BATCH_ITEM_FAILURES, type MappingSettings } from './mapping-settings';

/** One problem of a mapping's settings; `key` is the field, e.g. `batchSize` or `filters[1].data`. */
export interface MappingProblem {
  readonly key: string;
  readonly problem: string;
  readonly value: unknown;
}

/** What the caller adds to AWS's own rules. */
export interface MappingCheckOptions {
  /** Clock for "AT_TIMESTAMP not in the future" (epoch ms). */
  readonly nowMs: number;
  /** Accept AWS's −1 (infinite) retries and record age (default true, as AWS does). */
  readonly allowUnbounded?: boolean;
  /** The record age must fit in the stream retention. */
  readonly streamRetentionHours?: number;
  /** The handlers report partial failures: ReportBatchItemFailures must be listed. */
  readonly requireReportBatchItemFailures?: boolean;
  /** Check each pattern with these rules (absent: only the count is checked). */
  readonly filterRules?: FilterPatternRules;
}

type Problems = MappingProblem[];

function integerIn(out: Problems, key: string, value: unknown, range: { min: number; max: number }): boolean {
  if (typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max) return true;
  out.push({ key, problem: `must be an integer ${range.min}–${range.max}`, value });
  return false;
}

function boundedOrInfinite(
  out: Problems,
  key: 'maximumRetryAttempts' | 'maximumRecordAgeInSeconds',
  value: unknown,
  allowUnbounded: boolean,
): void {
  const range = RANGES[key];
  if (value !== range.unbounded) {
    if (typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max) return;
    const unbounded = allowUnbounded ? `${range.unbounded} or ` : '';
    out.push({ key, problem: `must be ${unbounded}an integer ${range.min}–${range.max}`, value });
  } else if (!allowUnbounded) {
    const problem =
      'is -1 (infinite), which lets one bad batch block its shard until it expires; set allowUnbounded to opt in';
    out.push({ key, problem, value });
  }
}

function checkStart(out: Problems, s: MappingSettings, nowMs: number): void {
  const ts = s.startingPositionTimestamp;
  if (!(STARTING_POSITIONS as readonly string[]).includes(s.startingPosition)) {
    out.push({
      key: 'startingPosition',
      problem: `must be one of ${STARTING_POSITIONS.join(', ')}`,
      value: s.startingPosition,
    });
  } else if (s.startingPosition !== 'AT_TIMESTAMP') {
    if (ts !== undefined)
      out.push({ key: 'startingPositionTimestamp', problem: 'is allowed only with AT_TIMESTAMP', value: ts });
  } else if (typeof ts !== 'number' || !Number.isFinite(ts) || ts < 0) {
    out.push({ key: 'startingPositionTimestamp', problem: 'AT_TIMESTAMP needs Unix seconds', value: ts });
  } else if (ts * 1000 > nowMs) {
    out.push({ key: 'startingPositionTimestamp', problem: 'is in the future', value: ts });
  }
}

function checkResponseTypes(out: Problems, types: unknown, required: boolean): void {
  const list = Array.isArray(types) ? (types as unknown[]) : undefined;
  if (!list || list.some((t) => !(FUNCTION_RESPONSE_TYPES as readonly unknown[]).includes(t))) {
    out.push({
      key: 'functionResponseTypes',
      problem: `must be [] or ["${REPORT_BATCH_ITEM_FAILURES}"]`,
      value: types,
    });
  } else if (required && !list.includes(REPORT_BATCH_ITEM_FAILURES)) {
    const problem = `must include ${REPORT_BATCH_ITEM_FAILURES} (the handlers report partial failures)`;
    out.push({ key: 'functionResponseTypes', problem, value: types });
  }
}

function checkFilters(out: Problems, filters: unknown, rules: FilterPatternRules | undefined): void {
  if (!Array.isArray(filters) || filters.length > MAX_FILTERS) {
    const count = Array.isArray(filters) ? filters.length : filters;
    out.push({ key: 'filters', problem: `must be a list of at most ${MAX_FILTERS} filters per mapping`, value: count });
    return;
  }
  if (!rules) return;
  filters.forEach((filter: unknown, i) => {
    const result = compileFilterPattern(filter, rules);
    if (result.ok) return;
    for (const p of result.problems)
      out.push({ key: p.path ? `filters[${i}].${p.path}` : `filters[${i}]`, problem: p.problem, value: p.value });
  });
}

/**
 * Every problem of `settings` against AWS's ranges and the caller's rules (empty when valid).
 *
 * @example
 * ```ts
 * checkMappingSettings({ ...AWS_MAPPING_DEFAULTS, batchSize: 0 }, { nowMs: Date.now() });
 * // [{ key: 'batchSize', problem: 'must be an integer 1–10000', value: 0 }]
 * ```
 */
export function checkMappingSettings(settings: MappingSettings, options: MappingCheckOptions): MappingProblem[] {
  const out: Problems = [];
  const allowUnbounded = options.allowUnbounded ?? true;
  integerIn(out, 'batchSize', settings.batchSize, RANGES.batchSize);
  integerIn(
    out,
    'maximumBatchingWindowInSeconds',
    settings.maximumBatchingWindowInSeconds,
    RANGES.maximumBatchingWindowInSeconds,
  );
  const pf = integerIn(out, 'parallelizationFactor', settings.parallelizationFactor, RANGES.parallelizationFactor);
  const window = integerIn(
    out,
    'tumblingWindowInSeconds',
    settings.tumblingWindowInSeconds,
    RANGES.tumblingWindowInSeconds,
  );
  boundedOrInfinite(out, 'maximumRetryAttempts', settings.maximumRetryAttempts, allowUnbounded);
  boundedOrInfinite(out, 'maximumRecordAgeInSeconds', settings.maximumRecordAgeInSeconds, allowUnbounded);
  const age = settings.maximumRecordAgeInSeconds;
  const retention = options.streamRetentionHours;
  if (retention !== undefined && typeof age === 'number' && age > retention * 3600) {
    const problem = `must not exceed the stream retention (${retention * 3600} s)`;
    out.push({ key: 'maximumRecordAgeInSeconds', problem, value: age });
  }
  if (typeof settings.bisectBatchOnFunctionError !== 'boolean')
    out.push({
      key: 'bisectBatchOnFunctionError',
      problem: 'must be a boolean',
      value: settings.bisectBatchOnFunctionError,
    });
  checkStart(out, settings, options.nowMs);
  checkResponseTypes(out, settings.functionResponseTypes, options.requireReportBatchItemFailures ?? false);
  checkFilters(out, settings.filters, options.filterRules);
  // Window state is kept per shard: several batches of a shard in flight would fold it concurrently.
  if (pf && window && settings.tumblingWindowInSeconds > 0 && settings.parallelizationFactor > 1) {
    const problem = 'must be 1 with a tumbling window (window state is kept per shard)';
    out.push({ key: 'parallelizationFactor', problem, value: settings.parallelizationFactor });
  }
  return out;
}
