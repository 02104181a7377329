// The dashboard a newcomer opens after `npm start`: the built stack with its synthetic load for a
// short run, then the page in a real browser (Debian's Chromium via playwright-core). Every
// panel must be filled from what the pipeline produced, and each view is saved as a screenshot
// (test-output/local/) for a person to look at.
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { signalGroup, startStackProcess, type StackProcess } from '../helpers/stack-process';
import { waitFor } from '../helpers/process-tree';

jest.setTimeout(300_000);

const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
const SHOTS = path.resolve(__dirname, '../../../../test-output/local');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync', '--disable-quic'];

let stack: StackProcess;
let url: string;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** The 5-minute trend report, once two windows have closed (the Trend column has something to compare). */
async function waitForTwoWindows(): Promise<void> {
  let recent = 0;
  const ok = await (async () => {
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      const res = await fetch(`${url}api/v1/trends?range=5m`).catch(() => undefined);
      if (res?.ok) {
        const body = (await res.json()) as { momentumWindows: { recentWindows: number } };
        recent = body.momentumWindows.recentWindows;
        if (recent >= 1) return true;
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
    return false;
  })();
  if (!ok) throw new Error(`no two closed windows after 180 s:\n${stack.output()}`);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium (.ci/run does this in CI)`);
  mkdirSync(SHOTS, { recursive: true });
  stack = startStackProcess(['--rate', '150', '--poison-rate', '0.02', '--ports', 'report=0'], { group: true });
  await stack.ready;
  url = /report\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stack.output())?.[1] as string;
  await waitForTwoWindows();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB', timezoneId: 'UTC' });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`${url}#range=5m`);
  await page.waitForSelector('#trends-table tbody tr:nth-child(3)');
  await page.waitForSelector('#health-table tbody tr:nth-child(4)');
});

afterAll(async () => {
  await browser?.close();
  if (stack) {
    signalGroup(stack, 'SIGINT');
    await waitFor(() => stack.child.exitCode !== null || stack.child.signalCode !== null, 120_000);
    if (stack.child.exitCode === null) signalGroup(stack, 'SIGKILL');
  }
});

describe('the dashboard after a short run of npm start', () => {
  it('fills the trend table, with a Trend column that compares windows of the range', async () => {
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-5m.png'), fullPage: true });
    const rows = await page.$$eval('#trends-table tbody tr', (trs) =>
      trs.map((tr) => ({
        tag: tr.querySelector('.tag-button')?.textContent ?? '',
        posts: Number((tr.children[2]?.textContent ?? '').replace(/\D/g, '')),
        trend: tr.querySelector('.badge-label')?.textContent ?? '',
      })),
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.tag.startsWith('#') && r.posts > 0)).toBe(true);
    expect(rows.some((r) => r.trend !== 'too early to tell')).toBe(true);
    expect(await page.textContent('#trend-explained')).toMatch(/^Trend: the latest \d+ windows? against/);
  });

  it('draws the charts and the languages', async () => {
    expect(await page.$$eval('.uplot canvas', (cs) => cs.length)).toBe(2);
    expect(await page.getAttribute('#volume-chart', 'aria-label')).toMatch(/Posts per 30-second step: [\d,]+ in total/);
    expect(await page.$$eval('#languages-table tbody tr', (trs) => trs.length)).toBeGreaterThanOrEqual(1);
  });

  it('shows the stack’s own pipeline health: lag, poison quarantined and why, no replays waiting', async () => {
    await page.locator('#health').screenshot({ path: path.join(SHOTS, 'dashboard-health.png') });
    const health = Object.fromEntries(
      await page.$$eval('#health-table tr', (trs) =>
        trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? '']),
      ),
    );
    expect(health['Storing posts (consumer)']).toMatch(/behind/);
    expect(health['Counting trends (aggregator)']).toMatch(/behind/);
    expect(health['Posts set aside (quarantined)']).toMatch(/^[\d,]+: .*(not JSON|not UTF-8|too large|invalid)/);
    expect(health['Batches waiting for a replay']).toBe('none');
    expect(health['Last update']).toMatch(/local stack; counted since/);
  });

  it('opens a hashtag’s recent posts', async () => {
    await page.click('#trends-table tbody tr:nth-child(1) .tag-button');
    await page.waitForSelector('#posts-list li');
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-drilldown.png'), fullPage: true });
    expect(await page.$$eval('#posts-list li', (lis) => lis.length)).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
