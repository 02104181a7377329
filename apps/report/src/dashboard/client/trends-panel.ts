// Dashboard client: the trend table — rank, hashtag, posts, share, sentiment, and the Trend
// column: each hashtag's latest windows against the earlier windows of the same range.
import type { TrendRow } from '../../api/trends';
import type { TrendsBody } from './api';
import { byId, el } from './dom';
import { numberFormat, percentFormat, SENTIMENT_SCALE, signed } from './format';

/** How each range reads in sentences. */
export const RANGE_LABELS: Readonly<Record<string, string>> = {
  '5m': 'last 5 minutes',
  '1h': 'last hour',
  '24h': 'last 24 hours',
};

const ARROWS = { rising: '▲', falling: '▼', steady: '•', 'too-early': '–' } as const;
const LABELS = { rising: 'rising', falling: 'falling', steady: 'steady', 'too-early': 'too early to tell' } as const;
const PREVIOUS = {
  rising: 'rising',
  falling: 'falling',
  steady: 'steady',
  'no-baseline': 'no data before this range',
} as const;

function windowsText(n: number): string {
  return `${n} window${n === 1 ? '' : 's'}`;
}

function trendBadge(row: TrendRow, report: TrendsBody): HTMLElement {
  const m = row.momentum;
  const { recentWindows, earlierWindows } = report.momentumWindows;
  const title =
    m.direction === 'too-early'
      ? 'Needs at least two closed windows in the range to compare.'
      : `${numberFormat.format(m.recentCount)} uses in the latest ${windowsText(recentWindows)} against ` +
        `${numberFormat.format(m.earlierCount)} in the ${windowsText(earlierWindows)} before, adjusted for overall volume. ` +
        `Against the previous range: ${PREVIOUS[row.direction]} (${numberFormat.format(row.previousCount)} uses).`;
  const badge = el('span', { class: `badge ${m.direction}`, title });
  badge.appendChild(el('span', { 'aria-hidden': 'true', text: `${ARROWS[m.direction]} ` }));
  badge.appendChild(el('span', { class: 'badge-label', text: LABELS[m.direction] }));
  return badge;
}

/** Renders the table; `onOpen` opens a hashtag's drill-down. */
export function renderTrends(report: TrendsBody, onOpen: (tag: string, opener: HTMLElement) => void): void {
  const body = byId('trends-table').querySelector('tbody') as HTMLTableSectionElement;
  body.replaceChildren();
  for (const row of report.hashtags) {
    const button = el('button', { type: 'button', class: 'tag-button', text: `#${row.hashtag}` });
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      onOpen(row.hashtag, button);
    });
    const sentiment = el('td', { class: 'num', text: signed(row.sentimentAverage, 2), title: SENTIMENT_SCALE });
    const tr = el('tr', {}, [
      el('td', { class: 'num', text: String(row.rank) }),
      el('td', {}, [button]),
      el('td', { class: 'num', text: numberFormat.format(row.count) }),
      el('td', { class: 'num col-share', text: percentFormat.format(row.share) }),
      sentiment,
      el('td', {}, [trendBadge(row, report)]),
    ]);
    tr.dataset['tag'] = row.hashtag;
    // The whole row answers a mouse click; keyboard users use the button in it.
    tr.addEventListener('click', () => onOpen(row.hashtag, button));
    body.appendChild(tr);
  }
  const label = RANGE_LABELS[report.range.name] ?? 'selected range';
  byId('trends-caption').textContent = `Top hashtags, ${label}`;
  let note =
    `${numberFormat.format(report.totals.posts)} posts, ` +
    `${numberFormat.format(report.totals.hashtagOccurrences)} hashtag uses, ${label}.`;
  if (report.approximate)
    note += ` Counts are lower bounds (at most ${numberFormat.format(report.hashtagErrorBound)} off).`;
  byId('trends-note').textContent = note;
  const { recentWindows, earlierWindows } = report.momentumWindows;
  byId('trend-explained').textContent =
    recentWindows === 0
      ? 'Trend compares the latest windows of the range with the earlier ones: it needs two closed windows.'
      : `Trend: the latest ${windowsText(recentWindows)} against the ${windowsText(earlierWindows)} before in this range, adjusted for overall volume (▲ at least twice as frequent, ▼ at most half).`;
}

/** Marks the row of the hashtag whose drill-down is open. */
export function markSelected(tag: string | null): void {
  for (const row of byId('trends-table').querySelectorAll<HTMLTableRowElement>('tbody tr'))
    row.classList.toggle('selected', tag !== null && row.dataset['tag'] === tag);
}
