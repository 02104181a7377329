// End to end: the built local stack (what `npm start` runs) on fresh emulators, with the
// synthetic load, for a few seconds; it must exit 0 and account for every record it put.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');
const bundle = join(root, 'dist/apps/local/main.cjs');

function runStack(args: string[], timeoutMs: number): Promise<{ code: number | null; out: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bundle, ...args], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`local stack did not exit within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, out });
    });
  });
}

function figure(out: string, label: string): number {
  const m = new RegExp(`^\\s+${label}\\s+(\\d+)`, 'm').exec(out);
  if (!m) throw new Error(`no "${label}" in the summary:\n${out}`);
  return Number(m[1]);
}

describe('npm start (built local stack)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'streamlens-start-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the pipeline for --duration, drains, prints a summary and exits 0', async () => {
    // act
    const { code, out } = await runStack(
      ['--duration', '8', '--rate', '150', '--poison-rate', '0.05', '--ports', 'report=0', '--data-dir', dir],
      120_000,
    );
    // assess
    expect(code).toBe(0);
    expect(out).toMatch(/report\s+http:\/\/127\.0\.0\.1:\d+\//);
    const put = figure(out, 'put');
    const stored = figure(out, 'stored');
    const quarantined = figure(out, 'quarantined');
    const poison = Number(/(\d+) poison;/.exec(out)?.[1]);
    const posts = Number(/\((\d+) posts,/.exec(out)?.[1]);
    expect(put).toBeGreaterThan(600);
    expect(posts + poison).toBe(put);
    // Every poison record is quarantined, none is stored; edits of a post share its id, so
    // stored posts are at most the valid records put and at least most of them.
    expect(quarantined).toBe(poison);
    expect(stored).toBeLessThanOrEqual(posts);
    expect(stored).toBeGreaterThan(posts * 0.9);
  }, 150_000);

  it('rejects a bad flag with a usage error naming it and exit code 2', async () => {
    const { code, out } = await runStack(['--rate', 'fast'], 30_000);
    expect(code).toBe(2);
    expect(out).toContain('--rate "fast": must be a number of posts per second');
  }, 40_000);
});
