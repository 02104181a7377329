// Filter criteria applied to a stream's records: a record passes when any filter matches. The
// grammar (parser, validator, matcher) is @streamlens/config's, the one config validation and
// infra use; what a pattern sees of a record comes from the stream kind's FilterView.
import {
  compileFilterPattern,
  MAX_FILTER_PATTERN_LENGTH,
  MAX_FILTERS,
  type CompiledFilterPattern,
} from '@streamlens/config';
import { FilterPatternError } from './errors';
import { KINESIS_FILTER_VIEW, type FilterableRecord } from './kinesis-filter-view';
import type { FilterView } from './stream-source';

/** Decides whether a record is delivered. */
export type RecordFilter<R = FilterableRecord> = (record: R) => boolean;

interface CompiledFilter {
  readonly pattern: CompiledFilterPattern;
  readonly rootKeys: readonly string[];
}

function compileOne<R>(filter: object | string, index: number, view: FilterView<R>): CompiledFilter {
  const result = compileFilterPattern(filter, {
    rootKeys: view.rootKeys,
    streamKind: view.streamKind,
    maxLength: MAX_FILTER_PATTERN_LENGTH,
  });
  if (!result.ok) {
    const [first] = result.problems;
    throw new FilterPatternError(index, first?.path ?? '', first?.problem ?? 'is not a valid pattern');
  }
  return { pattern: result.pattern, rootKeys: [...result.pattern.rootKeys] };
}

/**
 * Compiles FilterCriteria for a mapping over records seen through `view` (default: Kinesis).
 * With no filters every record passes. A pattern that reads a key the record holds but cannot
 * show as JSON (Kinesis `data` that is not JSON) never matches.
 *
 * @example
 * ```ts
 * const pass = compileRecordFilter([{ data: { source: ['x'] } }]);
 * pass({ partitionKey: 'p', sequenceNumber: '1', arrivalMs: 0, data: Buffer.from('{"source":"x"}') }); // true
 * ```
 */
export function compileRecordFilter(filters: readonly (object | string)[]): RecordFilter<FilterableRecord>;
export function compileRecordFilter<R>(filters: readonly (object | string)[], view: FilterView<R>): RecordFilter<R>;
export function compileRecordFilter<R>(
  filters: readonly (object | string)[],
  view: FilterView<R> = KINESIS_FILTER_VIEW as unknown as FilterView<R>,
): RecordFilter<R> {
  if (filters.length > MAX_FILTERS)
    throw new FilterPatternError(MAX_FILTERS, '', `at most ${MAX_FILTERS} filters are allowed, got ${filters.length}`);
  const compiled = filters.map((f, i) => compileOne(f, i, view));
  if (compiled.length === 0) return () => true;
  const keys = new Set(compiled.flatMap((c) => c.rootKeys));
  return (record) => {
    const { fields, opaque } = view.document(record, keys);
    return compiled.some((c) => !(opaque && c.rootKeys.some((k) => opaque.has(k))) && c.pattern.matches(fields));
  };
}
