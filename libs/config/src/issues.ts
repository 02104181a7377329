// Collects validation problems so one run reports all of them, each naming its full key.
import { displayKey } from './display';
import type { ConfigIssue } from './types';

const MAX_VALUE_CHARS = 80;

// JSON has no NaN, Infinity or BigInt: JSON.stringify writes null for the first two (so 1e309 or
// YAML's .inf showed as "got null") and throws on the third. They are written as a string of
// this marker and their JavaScript spelling, and the quoted marker is then unwrapped — unless
// the value itself holds a string or key containing the marker (then it stays visible).
const MARK = '\u0000js:';
const MARKED = /"\\u0000js:([^"]*)"/g;

function toJson(value: unknown): string | undefined {
  let clash = false;
  const text = JSON.stringify(value, (key: string, v: unknown) => {
    if (key.includes(MARK) || (typeof v === 'string' && v.includes(MARK))) clash = true;
    if (typeof v === 'number' && !Number.isFinite(v)) return `${MARK}${String(v)}`;
    if (typeof v === 'bigint') return `${MARK}${String(v)}n`;
    return v;
  });
  return clash ? text : text?.replace(MARKED, '$1');
}

/**
 * Renders a value for "(got …)": JSON, truncated; "nothing" for a missing key; numbers JSON
 * cannot write as JavaScript writes them (`NaN`, `Infinity`, `-Infinity`, `12n`).
 */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = toJson(value) ?? String(value);
  } catch {
    // Too deep (or cyclic) to serialise: String() of a deep array would overflow as well.
    text = Array.isArray(value) ? '[a deeply nested list]' : Object.prototype.toString.call(value);
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** Accumulates issues; `key` is always the full key such as `streamlens:stream.shardCount`. */
export class IssueList {
  private readonly list: ConfigIssue[] = [];

  /** Records a problem with the offending value and what is allowed instead. */
  add(key: string, value: unknown, problem: string, allowed: string): void {
    const message = `${problem} (got ${formatValue(value)}; allowed ${allowed})`;
    this.list.push({ key: displayKey(key), value, message });
  }

  /** True when some issue already names `key`: cross-field rules then stay quiet. */
  has(key: string): boolean {
    const shown = displayKey(key);
    return this.list.some((i) => i.key === shown);
  }

  get all(): readonly ConfigIssue[] {
    return this.list;
  }
}
