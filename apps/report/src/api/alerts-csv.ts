// Report flow, API: the alert list as RFC 4180 CSV (same cell rules as the trend CSV).
import type { AlertsReport } from './alerts';
import { toCsv, type CsvCell } from './csv';

/** Columns of the alerts CSV; figures are flattened as name=value pairs (they differ by kind). */
export const ALERTS_CSV_HEADER = [
  'window_start',
  'window_end',
  'kind',
  'hashtag',
  'alert_id',
  'decided_at',
  'published_at',
  'figures',
  'complete',
  'refined',
] as const;

/**
 * The alerts as CSV with a UTF-8 byte order mark.
 *
 * @example
 * ```ts
 * alertsCsv(report).split('\r\n')[0]; // '\uFEFFwindow_start,window_end,kind,…'
 * ```
 */
export function alertsCsv(report: AlertsReport): string {
  const rows: CsvCell[][] = report.alerts.map((a) => [
    a.window.start,
    a.window.end,
    a.kind,
    a.hashtag,
    a.alertId,
    a.decidedAt,
    a.publishedAt,
    Object.entries(a.figures)
      .map(([k, v]) => `${k}=${v === null ? '' : String(v)}`)
      .join(' '),
    a.basis.complete ? 'true' : 'false',
    a.refined ? 'true' : 'false',
  ]);
  return '\uFEFF' + toCsv([ALERTS_CSV_HEADER, ...rows]);
}

/** A file name for the download: streamlens-alerts-<range>-<from>.csv (safe characters only). */
export function alertsCsvFileName(report: AlertsReport): string {
  return `streamlens-alerts-${report.range.name}-${report.range.from.replace(/[^0-9A-Za-z]/g, '')}.csv`;
}
