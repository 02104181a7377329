// Report flow, API: RFC 4180 CSV of the trend table, safe to open in a spreadsheet.
import type { TrendsReport } from './trends';

/** A CSV cell. */
export type CsvCell = string | number | null;

// Cells a spreadsheet would run as a formula (OWASP "CSV injection"): hashtags are user content.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: text starting like a formula gets a leading apostrophe; fields with a comma,
 * quote, CR or LF are quoted with quotes doubled; null is empty; numbers as JavaScript prints them.
 *
 * @example
 * ```ts
 * csvField('say "hi", ok'); // '"say ""hi"", ok"'
 * ```
 */
export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text with CRLF line ends (RFC 4180). */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Columns of the trend CSV. */
export const TREND_CSV_HEADER = [
  'rank',
  'hashtag',
  'count',
  'previous_count',
  'share',
  'sentiment_average',
  'sentiment_source',
  'velocity',
  'rising_score',
  'direction',
  'range_from',
  'range_to',
] as const;

const round = (n: number | null, digits: number): number | null => (n === null ? null : Number(n.toFixed(digits)));

/**
 * The trend table as CSV, with a UTF-8 byte order mark so spreadsheet apps read non-Latin
 * hashtags correctly.
 */
export function trendsCsv(report: TrendsReport): string {
  const rows = report.hashtags.map((h) => [
    h.rank,
    h.hashtag,
    h.count,
    h.previousCount,
    round(h.share, 6),
    round(h.sentimentAverage, 4),
    h.sentimentSource,
    round(h.velocity, 4),
    round(h.risingScore, 4),
    h.direction,
    report.range.from,
    report.range.to,
  ]);
  return '\uFEFF' + toCsv([TREND_CSV_HEADER, ...rows]);
}

/** A file name for the download: streamlens-trends-<range>-<from>.csv (safe characters only). */
export function trendsCsvFileName(report: TrendsReport): string {
  return `streamlens-trends-${report.range.name}-${report.range.from.replace(/[^0-9A-Za-z]/g, '')}.csv`;
}
