// StreamLens dashboard (browser entry, bundled by esbuild into the report function): fetches
// the JSON API and renders the trend table, charts (uPlot), language split, drill-down and the
// side panels. Framework-free; every value from the API is inserted as text.
import {
  api,
  ApiError,
  asApiError,
  type ClientConfig,
  type LanguagesBody,
  type TrendsBody,
  type VolumeBody,
} from './api';
import { renderVolume } from './charts';
import { byId } from './dom';
import { closeDrillDown, loadPosts, openDrillDown, openTag } from './drilldown';
import { numberFormat, timeOf } from './format';
import { alertsPanel } from './alerts-panel';
import { healthPanel } from './health-panel';
import { renderLanguages } from './languages-panel';
import type { Panel } from './panel';
import { markSelected, RANGE_LABELS, renderTrends } from './trends-panel';

/** Panels with data of their own, refreshed with the report (add new panels here). */
const PANELS: readonly Panel[] = [alertsPanel((tag, opener) => open(tag, opener)), healthPanel];

// The aggregator writes a window's rows on its final invoke, shortly after the window ends.
const REFRESH_LAG_MS = 2000;

const state: { config: ClientConfig | null; range: string; sequence: number; timer: number | undefined } = {
  config: null,
  range: '1h',
  sequence: 0,
  timer: undefined,
};

function show(which: 'signin' | 'error' | 'empty' | 'report'): void {
  for (const id of ['signin', 'error', 'empty', 'report'] as const) byId(id).hidden = id !== which;
}

function announce(text: string): void {
  byId('status').textContent = text;
}

function showError(err: ApiError): void {
  if (err.status === 401 && state.config?.auth.mode === 'jwt') {
    window.StreamLensAuth.signOut();
    byId('signout').hidden = true;
    show('signin');
    announce('Sign in to see the report.');
    return;
  }
  byId('error-text').textContent = err.message + (err.requestId ? ` (request id ${err.requestId})` : '');
  show('error');
  announce('Could not load the report.');
}

function schedule(trends: TrendsBody | null): void {
  window.clearTimeout(state.timer);
  const windowMs = (state.config?.windowSeconds ?? 30) * 1000;
  let delay = windowMs;
  if (trends) {
    // Server times only: the next window closes windowSeconds after range.to.
    const due = Date.parse(trends.range.to) + windowMs + REFRESH_LAG_MS;
    delay = Math.min(Math.max(due - Date.parse(trends.generatedAt), 1000), windowMs + REFRESH_LAG_MS);
  }
  if (!document.hidden) state.timer = window.setTimeout(() => void refresh(), delay);
}

function open(tag: string, opener: HTMLElement): void {
  openDrillDown(tag, opener, state.config);
}

async function refresh(): Promise<void> {
  window.clearTimeout(state.timer);
  const sequence = ++state.sequence;
  const config = state.config as ClientConfig;
  const query = `range=${encodeURIComponent(state.range)}`;
  byId('main').setAttribute('aria-busy', 'true');
  const panels = PANELS.map((p) => p.refresh({ config, range: state.range }));
  try {
    const [trends, volume, languages] = await Promise.all([
      api<TrendsBody>(`/api/v1/trends?${query}&limit=20`, config),
      api<VolumeBody>(`/api/v1/volume?${query}`, config),
      api<LanguagesBody>(`/api/v1/languages?${query}`, config),
    ]);
    if (sequence !== state.sequence) return;
    if (trends.totals.posts === 0) {
      show('empty');
    } else {
      show('report');
      renderTrends(trends, open);
      markSelected(openTag());
      renderVolume(volume);
      renderLanguages(languages);
    }
    announce(
      `Showing the ${RANGE_LABELS[state.range] ?? state.range} · ${numberFormat.format(trends.totals.posts)} posts · ` +
        `updated ${timeOf(trends.generatedAt)}`,
    );
    schedule(trends);
  } catch (err) {
    if (sequence !== state.sequence) return;
    const e = asApiError(err);
    showError(e);
    if (e.status !== 401) schedule(null);
  } finally {
    await Promise.allSettled(panels);
    if (sequence === state.sequence) byId('main').removeAttribute('aria-busy');
  }
}

function setRange(range: string): void {
  if (!RANGE_LABELS[range]) return;
  state.range = range;
  for (const button of document.querySelectorAll<HTMLButtonElement>('.range-picker button'))
    button.setAttribute('aria-pressed', String(button.dataset['range'] === range));
  window.history.replaceState(null, '', `${window.location.pathname}#range=${range}`);
}

function wire(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('.range-picker button')) {
    button.addEventListener('click', () => {
      setRange(button.dataset['range'] ?? '');
      void refresh();
    });
  }
  byId('retry').addEventListener('click', () => void refresh());
  byId('drilldown-close').addEventListener('click', closeDrillDown);
  byId('posts-more').addEventListener('click', () => void loadPosts(state.config));
  byId('drilldown').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeDrillDown();
  });
  byId('signin-button').addEventListener('click', () => {
    if (state.config) window.StreamLensAuth.startSignIn(state.config.auth).catch((e) => showError(asApiError(e)));
  });
  byId('signout').addEventListener('click', () => {
    window.StreamLensAuth.signOut();
    byId('signout').hidden = true;
    window.clearTimeout(state.timer);
    show('signin');
  });
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) window.clearTimeout(state.timer);
    else if (state.config) void refresh();
  });
}

async function start(): Promise<void> {
  wire();
  try {
    const res = await fetch('/api/v1/config', { headers: { accept: 'application/json' } });
    if (!res.ok) throw new ApiError(`the configuration could not be loaded (HTTP ${res.status})`, res.status, null);
    const config = (await res.json()) as ClientConfig;
    state.config = config;
    const jwt = config.auth.mode === 'jwt';
    // A sign-in response (?code=&state=) is read before anything rewrites the URL.
    if (jwt) await window.StreamLensAuth.completeSignIn(config.auth);
    const fromHash = /range=([0-9a-z]+)/.exec(window.location.hash)?.[1];
    setRange(fromHash && RANGE_LABELS[fromHash] ? fromHash : config.defaultRange);
    if (jwt && !window.StreamLensAuth.accessToken()) {
      show('signin');
      announce('Sign in to see the report.');
      return;
    }
    byId('signout').hidden = !jwt;
    await refresh();
  } catch (err) {
    showError(asApiError(err));
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
else void start();
