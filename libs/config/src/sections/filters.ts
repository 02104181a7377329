// The `filters` key of a mapping: up to 5 patterns, each a YAML mapping or a string of JSON,
// checked by the one filter grammar and kept as the text infra deploys.
import type { Fields } from '../fields';
import { compileFilterPattern, KINESIS_FILTER_RULES, MAX_FILTERS } from '../filters/filter-pattern';
import type { FilterPattern } from '../types';

const ALLOWED = `a list of up to ${MAX_FILTERS} filter patterns, e.g. { data: { lang: ["en"] } }`;

/** Parses and checks `filters`; invalid entries are reported and left out. */
export function parseFilters(f: Fields): FilterPattern[] {
  const value = f.raw['filters'];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    f.fail('filters', 'must be a list', ALLOWED);
    return [];
  }
  if (value.length > MAX_FILTERS) f.fail('filters', `has ${value.length} entries`, ALLOWED);
  const patterns: FilterPattern[] = [];
  value.forEach((entry: unknown, i) => {
    const pattern = parseEntry(f, entry, `${f.key('filters')}[${i}]`);
    if (pattern) patterns.push(pattern);
  });
  return patterns;
}

function parseEntry(f: Fields, entry: unknown, key: string): FilterPattern | undefined {
  const result = compileFilterPattern(entry, KINESIS_FILTER_RULES);
  if (result.ok) return result.pattern.text;
  for (const p of result.problems) {
    const allowed = p.path === '' ? ALLOWED : 'the filter pattern syntax (AWS Lambda event filtering)';
    f.issues.add(p.path === '' ? key : `${key}.${p.path}`, p.value, p.problem, allowed);
  }
  return undefined;
}
