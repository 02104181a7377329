// The built local stack (dist/apps/local/main.cjs) as a child process, for end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** Repository root. */
export const REPO_ROOT = resolve(__dirname, '../../../..');

/** A running local-stack process. */
export interface StackProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves once it printed "is running"; rejects if it exits first. */
  readonly ready: Promise<void>;
  /** Exit code (null after a signal). */
  readonly exited: Promise<number | null>;
}

/** A free loopback port (closed again before it is returned). */
export function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** How to start the stack. */
export interface StackProcessOptions {
  /**
   * Leader of its own process group, as a terminal's foreground job is: `process.kill(-pid, sig)`
   * then reaches every process of the group, as Ctrl-C does.
   */
  readonly group?: boolean;
  /** Through `npm start -- …` (build + bundle) instead of the bundle itself. */
  readonly viaNpm?: boolean;
  /** Variables added to the environment (e.g. STREAMLENS_REPO_ROOT: where the stack files are). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts `npm start` (the built bundle) with `args`. */
export function startStackProcess(args: readonly string[], options: StackProcessOptions = {}): StackProcess {
  const [command, commandArgs] = options.viaNpm
    ? ['npm', ['start', '--silent', '--', ...args]]
    : [process.execPath, [join(REPO_ROOT, 'dist/apps/local/main.cjs'), ...args]];
  const child = spawn(command, commandArgs, {
    cwd: REPO_ROOT,
    detached: options.group ?? false,
    env: { ...process.env, FORCE_COLOR: '0', NX_DAEMON: 'false', NX_TUI: 'false', ...options.env },
  });
  let out = '';
  let markReady: () => void = () => undefined;
  let fail: (err: Error) => void = () => undefined;
  const ready = new Promise<void>((resolveReady, reject) => ((markReady = resolveReady), (fail = reject)));
  const onData = (c: Buffer) => {
    out += c.toString();
    if (out.includes('is running')) markReady();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((r) =>
    // 'close', not 'exit': the output is complete only once the pipes closed.
    child.on('close', (code) => {
      fail(new Error(`the local stack exited (code ${code}) before it was running:\n${out}`));
      r(code);
    }),
  );
  // Callers that never await `ready` (a run with --duration) must not see an unhandled rejection.
  ready.catch(() => undefined);
  return { child, output: () => out, ready, exited };
}

/**
 * Sends `signal` to the stack's whole process group, as a terminal does (Ctrl-C → SIGINT, a closed
 * window → SIGHUP); the stack must have been started with `group: true`.
 */
export function signalGroup(stack: StackProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-(stack.child.pid as number), signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err; // already gone
  }
}
