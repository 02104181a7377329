// End to end: the built local stack (what `npm start` runs) on fresh emulators, with the
// synthetic load, for a few seconds; it must exit 0 and account for every record it put.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findJava } from '@streamlens/emulators';

const root = resolve(__dirname, '../../../..');
const bundle = join(root, 'dist/apps/local/main.cjs');

function runStack(
  args: string[],
  timeoutMs: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number | null; out: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bundle, ...args], { cwd: root, env: { ...env, FORCE_COLOR: '0' } });
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

function figure(out: string, pattern: RegExp): number {
  const m = pattern.exec(out);
  if (!m) throw new Error(`no ${pattern} in the summary:\n${out}`);
  return Number((m[1] as string).replace(/,/g, ''));
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
    expect({ code, out: code === 0 ? '' : out }).toEqual({ code: 0, out: '' });
    expect(out).toMatch(/report\s+http:\/\/127\.0\.0\.1:\d+\//);
    // One unit: the posts put equal the posts in the stream, and each is accounted for.
    const put = figure(out, /this run\s+put ([\d,]+) posts/);
    const poison = figure(out, /put [\d,]+ posts \(([\d,]+) of them poison\)/);
    expect(put).toBeGreaterThan(600);
    expect(figure(out, /stream total\s+([\d,]+) posts, all put by this run/)).toBe(put);
    const stored = figure(out, /([\d,]+)\s+distinct posts stored/);
    const superseded = figure(out, /([\d,]+)\s+superseded versions/);
    const quarantined = figure(out, /([\d,]+)\s+quarantined poison/);
    const onFailure = figure(out, /([\d,]+)\s+on the on-failure destination/);
    const notYet = figure(out, /([\d,]+)\s+not yet consumed/);
    expect(stored + superseded + quarantined + onFailure + notYet).toBe(put);
    // Drained: nothing left behind, every poison record quarantined, the tables agree.
    expect({ notYet, onFailure }).toEqual({ notYet: 0, onFailure: 0 });
    expect(quarantined).toBe(poison);
    expect(out).toContain('adds up: the posts table holds');
    // No noise: the SDK's Node-version warning and stack traces are not for a newcomer.
    expect(out).not.toMatch(/NodeVersionSupportWarning|Warning:|\bat \S+ \(/);
  }, 150_000);

  it('names the stacks that exist when --stack names none', async () => {
    const { code, out } = await runStack(['--stack', 'nosuch'], 30_000);
    expect(code).toBe(2);
    expect(out).toContain('--stack "nosuch": there is no Pulumi.nosuch.yaml');
    expect(out).toContain('the stacks here are dev, prod');
  }, 40_000);

  it('rejects a bad flag with a usage error naming it and exit code 2', async () => {
    const { code, out } = await runStack(['--rate', 'fast'], 30_000);
    expect(code).toBe(2);
    expect(out).toContain('--rate "fast": must be a number of posts per second');
  }, 40_000);

  it('runs the whole stack on AWS DynamoDB Local with --dynamodb dynamodb-local, the trends table streamed', async () => {
    if (!findJava()) throw new Error('Java is not installed (install default-jre-headless; .ci/run does this in CI)');
    // act
    const { code, out } = await runStack(
      ['--dynamodb', 'dynamodb-local', '--duration', '8', '--rate', '100', '--ports', 'report=0'],
      150_000,
    );
    // assess
    expect({ code, out: code === 0 ? '' : out }).toEqual({ code: 0, out: '' });
    expect(out).toMatch(/tables\s+on dynamodb-local http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/stream\s+trends table: arn:aws:dynamodb:\S+:table\/streamlens-dev-trends\/stream\/\S+/);
    expect(figure(out, /([\d,]+)\s+not yet consumed/)).toBe(0);
    expect(out).toContain('adds up: the posts table holds');
  }, 180_000);

  it('says what to install when --dynamodb dynamodb-local finds no Java, and exits 1', async () => {
    // prepare: a PATH that holds node and nothing else
    const bin = join(dir, 'node-only-bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(process.execPath, join(bin, 'node'));
    const { JAVA_HOME: _javaHome, ...env } = process.env;
    // act
    const { code, out } = await runStack(['--dynamodb', 'dynamodb-local', '--no-load'], 60_000, { ...env, PATH: bin });
    // assess
    expect(code).toBe(1);
    expect(out).toContain('DynamoDB Local needs a Java runtime');
    expect(out).toContain('apt-get install default-jre-headless');
  }, 70_000);
});
