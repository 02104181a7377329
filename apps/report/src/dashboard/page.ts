// Dashboard flow: the single HTML page. It holds no data (the scripts fetch the API and insert
// values as text nodes), so nothing user-supplied is ever written into this markup.
import type { AuthSettings } from '../config';
import { ASSETS } from './assets';

/**
 * Content-Security-Policy of the page: scripts and styles from this origin only (no inline
 * code); in jwt mode the page also talks to the IdP (discovery and token endpoints live on
 * the issuer's or another https origin, only known after discovery).
 */
export function contentSecurityPolicy(auth: AuthSettings): string {
  const connect = auth.mode === 'jwt' ? `'self' ${new URL(auth.oidc.issuer).origin} https:` : `'self'`;
  return [
    `default-src 'none'`,
    `script-src 'self'`,
    `style-src 'self'`,
    `img-src 'self' data:`,
    `connect-src ${connect}`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

/** The page's HTML. */
export function dashboardHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>StreamLens — social media trends</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSETS.uplotStyle.path}">
<link rel="stylesheet" href="${ASSETS.dashboardStyle.path}">
<script defer src="${ASSETS.uplotScript.path}"></script>
<script defer src="${ASSETS.authScript.path}"></script>
<script defer src="${ASSETS.dashboardScript.path}"></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to the report</a>
<header class="top">
  <h1>StreamLens <span class="subtitle">social media trends</span></h1>
  <div class="controls">
    <div class="range-picker" role="group" aria-label="Time range">
      <button type="button" data-range="5m" aria-pressed="false">Last 5 min</button>
      <button type="button" data-range="1h" aria-pressed="true">Last hour</button>
      <button type="button" data-range="24h" aria-pressed="false">Last 24 h</button>
    </div>
    <button type="button" id="signout" class="secondary" hidden>Sign out</button>
  </div>
  <p id="status" class="status" role="status" aria-live="polite">Loading…</p>
</header>
<main id="main" tabindex="-1">
  <section id="signin" class="panel notice" hidden aria-labelledby="signin-title">
    <h2 id="signin-title">Sign in required</h2>
    <p>This report is protected. Sign in with your organisation's account to see it.</p>
    <button type="button" id="signin-button">Sign in</button>
  </section>
  <section id="error" class="panel notice error" hidden role="alert" aria-labelledby="error-title">
    <h2 id="error-title">Could not load the report</h2>
    <p id="error-text"></p>
    <button type="button" id="retry">Try again</button>
  </section>
  <section id="empty" class="panel notice" hidden aria-labelledby="empty-title">
    <h2 id="empty-title">No posts in this range yet</h2>
    <p>Nothing has been aggregated for this time range. Pick a longer range or wait for the next window to close.</p>
  </section>
  <div id="report" class="grid" hidden>
    <div class="column">
    <section class="panel trends" aria-labelledby="trends-title">
      <h2 id="trends-title">Top hashtags</h2>
      <p id="trends-note" class="note"></p>
      <div class="table-wrap">
        <table id="trends-table">
          <caption id="trends-caption" class="visually-hidden">Top hashtags</caption>
          <thead>
            <tr>
              <th scope="col" class="num">#</th>
              <th scope="col">Hashtag</th>
              <th scope="col" class="num">Posts</th>
              <th scope="col" class="num col-share">Share</th>
              <th scope="col" class="num"><abbr title="Average AFINN-165 score per post: −5 very negative … +5 very positive, 0 neutral">Sentiment</abbr></th>
              <th scope="col">Trend</th>
            </tr>
          </thead>
          <tbody></tbody>
        </table>
      </div>
      <p id="trend-explained" class="note"></p>
      <p class="note">Sentiment is the average AFINN-165 score per post: each word scores −5 (very negative) to +5 (very positive) and a post the sum of its words, so most posts fall between −5 and +5; 0 is neutral and +1.5 mildly positive. AFINN is English: other languages mostly score 0.</p>
      <p class="note">Select a hashtag to see its recent posts.</p>
    </section>
    <section class="panel" aria-labelledby="languages-title">
      <h2 id="languages-title">Languages</h2>
      <div class="table-wrap">
        <table id="languages-table">
          <caption class="visually-hidden">Posts per language</caption>
          <thead><tr><th scope="col">Language</th><th scope="col" class="num">Posts</th><th scope="col">Share</th></tr></thead>
          <tbody></tbody>
        </table>
      </div>
    </section>
    </div>
    <div class="column">
    <section class="panel" aria-labelledby="volume-title">
      <h2 id="volume-title">Posts over time</h2>
      <div id="volume-chart" class="chart" role="img" aria-label="Posts over time"></div>
    </section>
    <section class="panel" aria-labelledby="sentiment-title">
      <h2 id="sentiment-title">Average sentiment</h2>
      <div id="sentiment-chart" class="chart" role="img" aria-label="Average sentiment over time"></div>
      <p class="note">Average AFINN-165 score per post (−5 very negative … +5 very positive, 0 neutral).</p>
    </section>
    </div>
  </div>
  <section id="alerts" class="panel alerts" aria-labelledby="alerts-title">
    <div class="panel-head">
      <h2 id="alerts-title">Trend alerts</h2>
      <a id="alerts-csv" href="/api/v1/alerts.csv" download>Download CSV</a>
    </div>
    <ol id="alerts-list" class="alerts-list" aria-live="polite"></ol>
    <p id="alerts-note" class="note">Loading…</p>
  </section>
  <section id="health" class="panel health" aria-labelledby="health-title">
    <h2 id="health-title">Pipeline health</h2>
    <table id="health-table">
      <caption class="visually-hidden">How current the figures are, and what was set aside</caption>
      <tbody></tbody>
    </table>
    <p id="health-note" class="note">Loading…</p>
  </section>
  <section id="drilldown" class="panel drilldown" hidden aria-labelledby="drilldown-title">
    <div class="drilldown-head">
      <h2 id="drilldown-title" tabindex="-1">Recent posts</h2>
      <button type="button" id="drilldown-close" class="secondary">Close</button>
    </div>
    <p id="drilldown-status" class="note" role="status" aria-live="polite"></p>
    <ol id="posts-list" class="posts"></ol>
    <button type="button" id="posts-more" class="secondary" hidden>Load more posts</button>
  </section>
</main>
<footer class="foot"><p>Counts come from per-window aggregates; the page refreshes when a window closes.</p></footer>
</body>
</html>
`;
}
