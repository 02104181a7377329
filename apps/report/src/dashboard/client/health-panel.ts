// Dashboard client: pipeline health for a business user — is the data current (lag per
// function), what was set aside (quarantined posts and why), what waits for a replay
// (batches on the on-failure destination), and when this was measured.
import { api, asApiError, type PipelineHealth } from './api';
import { byId, el } from './dom';
import { duration, numberFormat, timeOf } from './format';
import type { Panel } from './panel';

// Behind by more than this, the figures of the last windows are incomplete.
const LAG_WARNING_MS = 60_000;

const FUNCTION_ROLES: Readonly<Record<string, string>> = {
  consumer: 'Storing posts',
  aggregator: 'Counting trends',
};

const REASONS: Readonly<Record<string, string>> = {
  'not-json': 'not JSON',
  'not-utf8': 'not UTF-8 text',
  'schema-violation': 'missing or invalid fields',
  'unknown-version': 'a newer format than this deployment reads',
  'too-large': 'too large',
  'missing-data': 'no data',
  'corrupt-aggregate': 'a damaged batch of posts',
};

function row(label: string, value: string, state: 'ok' | 'warn' = 'ok'): HTMLTableRowElement {
  return el('tr', { class: state }, [el('th', { scope: 'row', text: label }), el('td', { text: value })]);
}

function lagText(lagMs: number | null): string {
  if (lagMs === null) return 'no batch yet';
  return lagMs < 5_000 ? `up to date (${duration(lagMs)} behind)` : `${duration(lagMs)} behind the newest post`;
}

/** Renders the figures into the health table. */
export function renderHealth(h: PipelineHealth): void {
  const rows: HTMLTableRowElement[] = [];
  for (const f of h.functions)
    rows.push(
      row(
        `${FUNCTION_ROLES[f.name] ?? f.name} (${f.name})`,
        lagText(f.lagMs),
        f.lagMs !== null && f.lagMs > LAG_WARNING_MS ? 'warn' : 'ok',
      ),
    );
  const reasons = Object.entries(h.quarantine.byReason)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `${numberFormat.format(n)} ${REASONS[r] ?? r}`);
  rows.push(
    row(
      'Posts set aside (quarantined)',
      h.quarantine.total === 0
        ? 'none'
        : `${numberFormat.format(h.quarantine.total)}: ${reasons.join(', ') || 'reasons not reported'}`,
    ),
  );
  const waiting = Object.values(h.onFailure).reduce((a, b) => a + b, 0);
  rows.push(
    row(
      'Batches waiting for a replay',
      waiting === 0 ? 'none' : `${numberFormat.format(waiting)} on the on-failure destination (run redrive)`,
      waiting === 0 ? 'ok' : 'warn',
    ),
  );
  rows.push(row('Last update', `${timeOf(h.measuredAt)} (${h.source}; counted since ${timeOf(h.countedSince)})`));
  (byId('health-table').querySelector('tbody') as HTMLTableSectionElement).replaceChildren(...rows);
  byId('health-note').textContent =
    'Quarantined posts could never be processed (bad data); they are kept with their reason, not lost.';
}

/** The pipeline-health panel. */
export const healthPanel: Panel = {
  id: 'health',
  async refresh(ctx) {
    try {
      renderHealth(await api<PipelineHealth>('/api/v1/pipeline', ctx.config));
    } catch (err) {
      const e = asApiError(err);
      (byId('health-table').querySelector('tbody') as HTMLTableSectionElement).replaceChildren();
      byId('health-note').textContent = `Pipeline health is not available: ${e.message}`;
    }
  },
};
