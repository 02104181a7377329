// End to end: the built local stack stopped the way a terminal stops it. Ctrl-C sends SIGINT to
// the whole foreground process GROUP, a closed terminal SIGHUP, `kill` or a supervisor SIGTERM;
// each must drain in-flight batches, save checkpoints, print the summary and exit 0, with no
// healthy batch on the on-failure destination and no connection noise from children that died
// first. A second Ctrl-C stops at once and loses nothing acknowledged.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { descendantsOf, isAlive, waitFor } from '../helpers/process-tree';
import { signalGroup, startStackProcess, type StackProcess } from '../helpers/stack-process';

// What children dying under the stack's feet printed before the fix.
const NOISE =
  /ECONNREFUSED|EPIPE|Runtime\.ExitError|Runtime exited|RetryAttemptsExhausted|on-failure destination;|"level":"error"/;
const MAPPINGS = ['consumer', 'aggregator'] as const;

function readJson(file: string): unknown {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined;
}

/** Shard checkpoints the consumer saved in the data dir. */
function consumerCheckpoints(dir: string): Record<string, unknown> {
  const book = readJson(join(dir, 'mappings', 'consumer', 'checkpoints.json')) as
    Record<string, Record<string, unknown>> | undefined;
  return book?.['streamlens-dev-consumer'] ?? {};
}

function onFailureRecords(dir: string): number {
  return MAPPINGS.reduce(
    (n, m) => n + ((readJson(join(dir, 'mappings', m, 'failures.json')) as unknown[] | undefined)?.length ?? 0),
    0,
  );
}

function figure(out: string, pattern: RegExp): number {
  const m = pattern.exec(out);
  if (!m) throw new Error(`no ${pattern} in the output:\n${out}`);
  return Number((m[1] as string).replace(/,/g, ''));
}

/** Starts the stack in its own process group and waits until the consumer checkpointed on every shard. */
async function startConsuming(dir: string, options: { viaNpm?: boolean } = {}): Promise<StackProcess> {
  const stack = startStackProcess(
    ['--rate', '150', '--poison-rate', '0.02', '--ports', 'report=0', '--data-dir', dir],
    { group: true, ...options },
  );
  running.push(stack);
  await stack.ready;
  const consuming = await waitFor(() => Object.keys(consumerCheckpoints(dir)).length === 2, 60_000);
  if (!consuming) throw new Error(`the consumer did not checkpoint every shard within 60 s:\n${stack.output()}`);
  return stack;
}

/** Exit code, or a failure showing the output when it does not exit in time. */
async function exitWithin(stack: StackProcess, ms: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running ${ms} ms after the signal:\n${stack.output()}`)), ms);
  });
  try {
    return await Promise.race([stack.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Signals the group as a terminal does, then checks the drain: exit 0, summary, no noise, nothing given up. */
async function signalAndExpectDrain(stack: StackProcess, signal: NodeJS.Signals): Promise<string> {
  signalGroup(stack, signal);
  const code = await exitWithin(stack, 120_000);
  const out = stack.output();
  expect({ code, out: code === 0 ? '' : out }).toEqual({ code: 0, out: '' });
  expect(out).toMatch(/^summary/m);
  expect(out.match(NOISE)?.[0]).toBeUndefined();
  expect(onFailureRecords(dir)).toBe(0);
  return out;
}

const running: StackProcess[] = [];
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'streamlens-signals-'));
});
afterEach(() => {
  // A failed test must not leave a stack behind: the whole group, then anything it started.
  for (const stack of running.splice(0)) {
    const pid = stack.child.pid as number;
    for (const child of descendantsOf(pid)) {
      try {
        process.kill(child, 'SIGKILL');
      } catch {
        // exited meanwhile
      }
    }
    signalGroup(stack, 'SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the local stack under terminal signals', () => {
  it.each([
    ['SIGINT', 'Ctrl-C'],
    ['SIGTERM', 'kill'],
    ['SIGHUP', 'a closed terminal'],
  ] as const)(
    '%s to the process group (%s) drains, checkpoints, prints the summary and exits 0',
    async (signal, _how) => {
      // prepare
      const stack = await startConsuming(dir);
      const pid = stack.child.pid as number;
      const children = descendantsOf(pid);
      expect(children.length).toBeGreaterThanOrEqual(4); // two emulators, sandboxes of both functions

      // act + assess: as a terminal does, to every process of the foreground group
      const out = await signalAndExpectDrain(stack, signal);
      expect(Object.keys(consumerCheckpoints(dir)).sort()).toEqual(['shardId-000000000000', 'shardId-000000000001']);
      expect(figure(out, /([\d,]+)\s+not yet consumed/)).toBe(0);
      expect(await waitFor(() => children.every((c) => !isAlive(c)), 10_000)).toBe(true);
    },
    240_000,
  );

  it('a second Ctrl-C stops at once; a restart on the same data dir stores everything acknowledged', async () => {
    // prepare
    const first = await startConsuming(dir);
    const pid = first.child.pid as number;
    const children = descendantsOf(pid);

    // act: Ctrl-C, then Ctrl-C again while it drains
    signalGroup(first, 'SIGINT');
    await waitFor(() => first.output().includes('draining'), 10_000);
    await new Promise((r) => setTimeout(r, 1500));
    const stoppedAt = Date.now();
    signalGroup(first, 'SIGINT');
    const code = await exitWithin(first, 30_000);

    // assess: stopped at once, said what it kept, left no child behind
    expect(Date.now() - stoppedAt).toBeLessThan(20_000);
    expect(code).toBe(130);
    const acknowledged = figure(first.output(), /stopped at once: (\d[\d,]*) posts acknowledged/);
    expect(acknowledged).toBeGreaterThan(0);
    expect(await waitFor(() => children.every((c) => !isAlive(c)), 10_000)).toBe(true);

    // act: restart without load on the same data dir until it drained
    const second = startStackProcess(['--no-load', '--duration', '5', '--ports', 'report=0', '--data-dir', dir], {
      group: true,
    });
    running.push(second);
    const restartCode = await exitWithin(second, 120_000);

    // assess: the stream holds everything acknowledged, and every post of it is accounted for
    const out = second.output();
    expect({ restartCode, out: restartCode === 0 ? '' : out }).toEqual({ restartCode: 0, out: '' });
    expect(figure(out, /stream total\s+([\d,]+) posts/)).toBeGreaterThanOrEqual(acknowledged);
    expect(figure(out, /([\d,]+)\s+not yet consumed/)).toBe(0);
    expect(out).toMatch(/adds up/);
    expect(onFailureRecords(dir)).toBe(0);
  }, 300_000);

  it('leaves no child behind when it is killed with SIGKILL', async () => {
    const stack = await startConsuming(dir);
    const pid = stack.child.pid as number;
    const children = descendantsOf(pid);

    process.kill(pid, 'SIGKILL');
    await stack.exited;

    expect(await waitFor(() => children.every((c) => !isAlive(c)), 15_000)).toBe(true);
  }, 120_000);

  it('under `npm start`, Ctrl-C to the group drains and exits 0 with a summary', async () => {
    const stack = await startConsuming(dir, { viaNpm: true });
    await signalAndExpectDrain(stack, 'SIGINT');
  }, 240_000);
});
