// Dashboard client: trend alerts of the range, newest first — what rose, what entered the top N,
// whose mood swung — each linking to the hashtag's recent posts. Locally the bus also pushes new
// alerts (Server-Sent Events on /api/v1/alerts/live); deployed, the panel refreshes with the page.
import { api, asApiError, type AlertsBody, type ClientConfig } from './api';
import { byId, el } from './dom';
import { numberFormat, signed, timeOf } from './format';
import type { Panel } from './panel';

type AlertItem = AlertsBody['alerts'][number];

const KIND_LABELS: Readonly<Record<string, string>> = {
  rising: 'Rising',
  'new-entrant': 'New in the top',
  'sentiment-swing': 'Mood swing',
};

/** One sentence per alert: what happened, in numbers a business reader can check. */
export function describeAlert(a: AlertItem): string {
  const f = a.figures as unknown as Record<string, number | string | null>;
  switch (a.kind) {
    case 'rising':
      return `${numberFormat.format(Number(f['count']))} posts, ${Number(f['ratio']).toFixed(1)}× its usual ${Number(f['baselineMean']).toFixed(1)}`;
    case 'new-entrant':
      return `#${f['rank']} of the top ${f['topN']} with ${numberFormat.format(Number(f['count']))} posts (${
        f['previousBestRank'] === null ? 'never counted before' : `best before: #${f['previousBestRank']}`
      })`;
    case 'sentiment-swing':
      return `mood ${signed(Number(f['average']), 2)} per post against ${signed(Number(f['baselineAverage']), 2)} usually (${
        f['direction'] === 'up' ? 'warmer' : 'colder'
      }, ${numberFormat.format(Number(f['sampleSize']))} posts)`;
  }
}

function item(a: AlertItem, onOpen: (tag: string, opener: HTMLElement) => void): HTMLLIElement {
  const tag = el('button', { type: 'button', class: 'tag-button', text: `#${a.hashtag}`, 'data-tag': a.hashtag });
  tag.addEventListener('click', () => onOpen(a.hashtag, tag));
  const when = el('time', { datetime: a.window.start, text: timeOf(a.window.start) });
  const notes = [a.basis.complete ? '' : 'decided without every shard', a.refined ? 'figures updated by late data' : '']
    .filter(Boolean)
    .join('; ');
  return el('li', { class: `alert ${a.kind}`, 'data-alert-id': a.alertId }, [
    el('span', { class: 'alert-kind', text: KIND_LABELS[a.kind] ?? a.kind }),
    tag,
    el('span', { class: 'alert-text', text: ` ${describeAlert(a)} · window ` }),
    when,
    ...(notes ? [el('span', { class: 'note', text: ` (${notes})` })] : []),
  ]);
}

/** Renders the list (newest first, as the API orders it). */
export function renderAlerts(body: AlertsBody, onOpen: (tag: string, opener: HTMLElement) => void): void {
  byId('alerts-list').replaceChildren(...body.alerts.map((a) => item(a, onOpen)));
  const shown = body.alerts.length;
  byId('alerts-note').textContent =
    shown === 0
      ? 'No alert in this range.'
      : `${numberFormat.format(shown)} alert${shown === 1 ? '' : 's'}${body.truncated ? ' (the newest; more in the CSV)' : ''}, newest first.`;
}

/**
 * The alerts panel; `onOpen` opens a hashtag's drill-down.
 *
 * @example
 * ```ts
 * const panel = alertsPanel((tag, opener) => openDrillDown(tag, opener, config));
 * ```
 */
export function alertsPanel(onOpen: (tag: string, opener: HTMLElement) => void): Panel {
  let live: EventSource | null = null;
  let last: { config: ClientConfig; range: string } | null = null;
  const load = async (config: ClientConfig, range: string) => {
    const query = `range=${encodeURIComponent(range)}`;
    (byId('alerts-csv') as HTMLAnchorElement).href = `/api/v1/alerts.csv?${query}`;
    try {
      renderAlerts(await api<AlertsBody>(`/api/v1/alerts?${query}&limit=50`, config), onOpen);
    } catch (err) {
      byId('alerts-list').replaceChildren();
      byId('alerts-note').textContent = `Alerts are not available: ${asApiError(err).message}`;
    }
  };
  // Only where the deployment offers a feed (the local stack: an EventSource cannot send a bearer
  // token, and a Function URL cannot push); elsewhere the panel refreshes with the page.
  const listen = (config: ClientConfig) => {
    const path = config.alerts.livePath;
    if (live || path === null || config.auth.mode === 'jwt' || typeof EventSource === 'undefined') return;
    live = new EventSource(path);
    live.addEventListener('alert', () => {
      if (last) void load(last.config, last.range);
    });
    live.onerror = () => {
      // The stack stopped: fall back to refreshing with the page.
      if (live?.readyState === EventSource.CLOSED) live = null;
    };
  };
  return {
    id: 'alerts',
    async refresh(ctx) {
      byId('alerts').hidden = !ctx.config.alerts.available;
      if (!ctx.config.alerts.available) return;
      last = { config: ctx.config, range: ctx.range };
      listen(ctx.config);
      await load(ctx.config, ctx.range);
    },
  };
}
