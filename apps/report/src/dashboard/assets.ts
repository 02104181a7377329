// Dashboard flow: the static files of the page, embedded in the bundle (no CDN: the page works
// offline) and served under content-hashed names so browsers may cache them for good.
import { createHash } from 'node:crypto';
import uplotScript from 'uplot/dist/uPlot.iife.min.js';
import uplotStyle from 'uplot/dist/uPlot.min.css';
import authScript from './auth.client.js';
import dashboardScript from './client/main.ts?browser';
import dashboardStyle from './dashboard.css';

/** A served file. */
export interface Asset {
  /** URL path, e.g. /assets/uplot.0123456789.js */
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

function asset(base: string, ext: 'js' | 'css', body: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const contentType = ext === 'js' ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8';
  return { path: `/assets/${base}.${hash}.${ext}`, contentType, body };
}

/** The page's files, in the order the page loads them. */
export const ASSETS = {
  uplotStyle: asset('uplot', 'css', uplotStyle),
  dashboardStyle: asset('dashboard', 'css', dashboardStyle),
  uplotScript: asset('uplot', 'js', uplotScript),
  authScript: asset('auth', 'js', authScript),
  dashboardScript: asset('dashboard', 'js', dashboardScript),
} as const;

const BY_PATH = new Map<string, Asset>(Object.values(ASSETS).map((a) => [a.path, a]));

/** The asset served at a path, if any. */
export function findAsset(path: string): Asset | undefined {
  return BY_PATH.get(path);
}

/** Assets never change under a hashed name. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
