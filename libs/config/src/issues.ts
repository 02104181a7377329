// Collects validation problems so one run reports all of them, each naming its full key.
import type { ConfigIssue } from './types';

const MAX_VALUE_CHARS = 80;

/** Renders a value for "(got …)": JSON, truncated; "nothing" for a missing key. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
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
    this.list.push({ key, value, message: `${problem} (got ${formatValue(value)}; allowed ${allowed})` });
  }

  /** True when some issue already names `key`: cross-field rules then stay quiet. */
  has(key: string): boolean {
    return this.list.some((i) => i.key === key);
  }

  get all(): readonly ConfigIssue[] {
    return this.list;
  }
}
