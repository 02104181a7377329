// Day partitions and sort-key bounds of alerts whose window starts in [from, to) — the same
// rule as the trends table's window range (the keys start with the window start the same way).
import { alertPartition } from './alert-items';
import { windowRange } from './trend-items';

/** Partitions and bounds for a range query of alerts. */
export function alertRange(from: Date, to: Date): { days: string[]; fromSk: string; toSk: string } {
  const range = windowRange(from, to);
  return { ...range, days: range.days.map((d) => alertPartition(d.slice(d.indexOf('#') + 1))) };
}
