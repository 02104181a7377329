// The `filters` key of a mapping: up to 5 patterns, each a YAML mapping or a string of JSON.
import { MAX_FILTERS } from '../constants';
import { isRecord, type Fields } from '../fields';
import { checkFilterPattern } from '../filter-pattern';
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
  let pattern = entry;
  if (typeof entry === 'string') {
    try {
      pattern = JSON.parse(entry);
    } catch (error) {
      f.issues.add(key, entry, `is not valid JSON: ${(error as Error).message}`, ALLOWED);
      return undefined;
    }
  }
  if (!isRecord(pattern)) {
    f.issues.add(key, entry, 'must be a pattern object', ALLOWED);
    return undefined;
  }
  const problems = checkFilterPattern(pattern);
  for (const p of problems) {
    f.issues.add(p.path === '' ? key : `${key}.${p.path}`, p.value, p.problem, 'EventBridge-style pattern syntax');
  }
  // A copy: the result is frozen and must not freeze the caller's raw config.
  return problems.length === 0 ? structuredClone(pattern) : undefined;
}
