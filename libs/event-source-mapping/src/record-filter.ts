// Filter criteria applied to Kinesis records: a record passes when any filter matches. Patterns
// on `data` see the decoded JSON payload; metadata fields sit beside it at the top level.
import { MAX_FILTER_PATTERN_LENGTH, MAX_FILTERS } from './constants';
import { FilterPatternError, JsonSyntaxError } from './errors';
import { compilePattern, type CompiledPattern } from './filter-pattern';
import { JsonNumber, parseLosslessJson, toLosslessJson, type LosslessJson } from './lossless-json';

/** Top-level keys a Kinesis pattern may use. */
export const KINESIS_FILTER_KEYS = [
  'data',
  'partitionKey',
  'sequenceNumber',
  'approximateArrivalTimestamp',
  'kinesisSchemaVersion',
] as const;

/** The parts of a record a filter looks at. */
export interface FilterableRecord {
  readonly partitionKey: string;
  readonly sequenceNumber: string;
  readonly data: Uint8Array;
  readonly arrivalMs: number;
}

/** Decides whether a record is delivered. */
export type RecordFilter = (record: FilterableRecord) => boolean;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeJson(data: Uint8Array): LosslessJson | undefined {
  try {
    return parseLosslessJson(utf8.decode(data));
  } catch {
    return undefined; // not UTF-8 or not JSON (e.g. a KPL aggregate)
  }
}

function compileOne(filter: object | string, index: number): CompiledPattern {
  let pattern: LosslessJson;
  if (typeof filter === 'string') {
    if (filter.length > MAX_FILTER_PATTERN_LENGTH)
      throw new FilterPatternError(index, '', `pattern is longer than ${MAX_FILTER_PATTERN_LENGTH} characters`);
    try {
      pattern = parseLosslessJson(filter);
    } catch (err) {
      throw new FilterPatternError(index, '', (err as JsonSyntaxError).message);
    }
  } else {
    pattern = toLosslessJson(filter);
  }
  const compiled = compilePattern(pattern, index);
  for (const key of compiled.rootKeys) {
    if (!(KINESIS_FILTER_KEYS as readonly string[]).includes(key)) {
      throw new FilterPatternError(
        index,
        key,
        `unknown top-level key (a Kinesis pattern uses ${KINESIS_FILTER_KEYS.join(', ')})`,
      );
    }
  }
  return compiled;
}

/**
 * Compiles FilterCriteria for a Kinesis mapping. With no filters every record passes.
 * A filter that reads `data` never matches a record whose data is not JSON.
 *
 * @example
 * ```ts
 * const pass = compileRecordFilter([{ data: { source: ['x'] } }]);
 * pass({ partitionKey: 'p', sequenceNumber: '1', arrivalMs: 0, data: Buffer.from('{"source":"x"}') }); // true
 * ```
 */
export function compileRecordFilter(filters: readonly (object | string)[]): RecordFilter {
  if (filters.length > MAX_FILTERS)
    throw new FilterPatternError(MAX_FILTERS, '', `at most ${MAX_FILTERS} filters are allowed, got ${filters.length}`);
  const compiled = filters.map(compileOne);
  if (compiled.length === 0) return () => true;
  const needsData = compiled.some((c) => c.rootKeys.has('data'));
  return (record) => {
    const data = needsData ? decodeJson(record.data) : undefined;
    const doc: { [key: string]: LosslessJson } = Object.create(null);
    doc['partitionKey'] = record.partitionKey;
    doc['sequenceNumber'] = record.sequenceNumber;
    doc['approximateArrivalTimestamp'] = new JsonNumber(String(record.arrivalMs / 1000));
    doc['kinesisSchemaVersion'] = '1.0';
    if (data !== undefined) doc['data'] = data;
    return compiled.some((c) => (c.rootKeys.has('data') && data === undefined ? false : c.matches(doc)));
  };
}
