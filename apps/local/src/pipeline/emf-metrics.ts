// Sums CloudWatch Embedded Metric Format values from function log lines, so the local stack's
// status line can show what the functions measured without querying any table.

/**
 * Adds the metric values of one EMF line (`{"_aws": …, "Name": value}`) into `totals`; other
 * lines, and values that are not finite numbers, are ignored.
 *
 * @example
 * ```ts
 * const totals = new Map<string, number>();
 * addEmfMetrics(line, totals); // e.g. totals.get('Quarantined') === 3
 * ```
 */
export function addEmfMetrics(line: string, totals: Map<string, number>): void {
  if (!line.startsWith('{"_aws"')) return;
  let doc: { _aws?: { CloudWatchMetrics?: Array<{ Metrics?: Array<{ Name?: unknown }> }> } } & Record<string, unknown>;
  try {
    doc = JSON.parse(line) as typeof doc;
  } catch {
    return; // a function's broken log line is its own business, not the status line's
  }
  for (const directive of doc._aws?.CloudWatchMetrics ?? []) {
    for (const { Name } of directive.Metrics ?? []) {
      const value = typeof Name === 'string' ? doc[Name] : undefined;
      if (typeof Name === 'string' && typeof value === 'number' && Number.isFinite(value))
        totals.set(Name, (totals.get(Name) ?? 0) + value);
    }
  }
}
