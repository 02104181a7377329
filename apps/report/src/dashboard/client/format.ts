// Dashboard client: how numbers, times and languages read.

export const numberFormat = new Intl.NumberFormat();
export const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

let languageNames: Intl.DisplayNames | null = null;
try {
  languageNames = new Intl.DisplayNames(undefined, { type: 'language' });
} catch {
  languageNames = null;
}

/** +1.50, −0.25, or "–" for no value. */
export function signed(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined) return '–';
  return (value > 0 ? '+' : '') + value.toFixed(digits);
}

/** 12:00:10 in the viewer's locale. */
export function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "1.2 s", "3 min 5 s". */
export function duration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** "English (en)", "Unknown (und)". */
export function languageLabel(tag: string): string {
  if (tag === 'und') return 'Unknown (und)';
  if (tag === 'other') return 'Other languages';
  try {
    const name = languageNames?.of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

/** What an average sentiment means, for titles and notes (AFINN-165). */
export const SENTIMENT_SCALE =
  'Sentiment is AFINN-165: each word scores from −5 (very negative) to +5 (very positive) and a post scores the ' +
  'sum of its words, so most posts fall between −5 and +5 and 0 is neutral. The figures are averages per post: ' +
  '+1.5 is mildly positive. AFINN is English: posts in other languages mostly score 0.';
