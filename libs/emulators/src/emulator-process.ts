// Emulators in their own Node processes. kinesalite and dynalite are single-threaded JavaScript:
// sharing an event loop with the event-source mappings and the producer made that one process
// the bottleneck of the local pipeline (docs/BENCHMARKS.md). A child process also gives the
// chaos suite an emulator it can stop and restart on the same data dir and port.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dynaliteStreamsPluginModule, type DynaliteStreamsOptions } from '@streamlens/dynalite-streams';
import { DYNALITE_ITERATOR_GUARD, DYNALITE_ITERATOR_IDLE_MS } from './dynalite-iterator-guard';
import { EmulatorError, EmulatorPortError } from './errors';
import {
  emulatorFactoryOptions,
  type EmulatorOptions,
  type NodeEmulatorName,
  type RunningEmulator,
} from './emulator-server';

/** An emulator running in a child process. */
export interface EmulatorProcess extends RunningEmulator {
  readonly pid: number;
  /** Resolves with the exit code (null after a signal) when the process ends for any reason. */
  readonly exited: Promise<number | null>;
  /** Kills the process without letting it close its store (a crash). */
  kill(): Promise<void>;
}

/** Options of {@link spawnEmulator}. */
export interface EmulatorProcessOptions extends EmulatorOptions {
  /** Shown as STREAMLENS_PROCESS in the child's environment (for per-process CPU figures). */
  readonly label?: string;
  /** How long start-up may take; default 15 s. */
  readonly startTimeoutMs?: number;
  /** dynalite only: close Query/Scan iterators unread this long, ms (default 10 s; 0 = never, dynalite as shipped). */
  readonly iteratorIdleMs?: number;
  /**
   * dynalite only: DynamoDB Streams for stream-enabled tables (libs/dynalite-streams), on by
   * default; `false` runs dynalite as shipped (the streams bench compares the two).
   */
  readonly streams?: false | DynaliteStreamsOptions;
}

// The child is `node -e` with this script so the same code works from a bundle, from tsx and
// from ts-jest (no separate entry file to locate). Arguments: module path, port, host, factory
// options (JSON), dynalite's iterator idle limit (see dynalite-iterator-guard.ts), and the
// DynamoDB Streams plugin to install into dynalite before it loads (empty: none).
// It exits when told (SIGTERM/SIGINT/"close" message) after closing the store, and on its own
// when the parent goes away (IPC disconnect), so a SIGKILLed parent leaves no orphan behind.
const CHILD_SCRIPT = `${DYNALITE_ITERATOR_GUARD}
const [modulePath, port, host, options, iteratorIdleMs, streamsPlugin] = process.argv.slice(1);
guardDynaliteIterators(modulePath, Number(iteratorIdleMs));
if (streamsPlugin) require(streamsPlugin).installDynaliteStreams(modulePath);
const server = require(modulePath)(JSON.parse(options));
let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  const force = setTimeout(() => process.exit(0), 5000);
  force.unref();
  server.close(() => process.exit(0));
  if (server.closeAllConnections) server.closeAllConnections();
};
server.once('error', (err) => { process.send({ type: 'error', message: err.message, code: err.code }); process.exit(3); });
server.listen(Number(port), host, () => process.send({ type: 'listening', port: server.address().port }));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
process.on('disconnect', shutdown);
process.on('message', (m) => { if (m && m.type === 'close') shutdown(); });
`;

type ChildMessage = { type: 'listening'; port: number } | { type: 'error'; message: string; code?: string };

/**
 * Starts kinesalite or dynalite in a child process on loopback.
 *
 * @throws EmulatorPortError when the port is taken; EmulatorError when `iteratorIdleMs` is not a
 *   number ≥ 0 or the child fails to start.
 * @example
 * ```ts
 * const dynamo = await spawnEmulator('dynalite', { dataDir: 'data/dynamodb' });
 * const client = makeDynamoClient(dynamo.endpoint);
 * await dynamo.close();
 * ```
 */
export async function spawnEmulator(
  name: NodeEmulatorName,
  options: EmulatorProcessOptions = {},
): Promise<EmulatorProcess> {
  const host = options.host ?? '127.0.0.1';
  const requested = options.port ?? 0;
  const idle = options.iteratorIdleMs;
  if (idle !== undefined && !(Number.isFinite(idle) && idle >= 0))
    throw new EmulatorError(`iteratorIdleMs must be a number of ms ≥ 0 (0 = off), got ${idle}`);
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const streams = name === 'dynalite' && options.streams !== false ? (options.streams ?? {}) : undefined;
  const plugin = streams ? dynaliteStreamsPluginModule() : undefined;
  const child: ChildProcess = fork(
    '-e',
    [
      CHILD_SCRIPT,
      require.resolve(name),
      String(requested),
      host,
      JSON.stringify({ ...emulatorFactoryOptions(name, options.dataDir), ...(streams ? { streams } : {}) }),
      String(name === 'dynalite' ? (idle ?? DYNALITE_ITERATOR_IDLE_MS) : 0),
      plugin?.path ?? '',
    ],
    {
      // fork(modulePath) would run a file; `-e` as execArgv with an empty module runs the script.
      // From source the plugin is TypeScript and needs tsx's require hook (see plugin-module.ts).
      execArgv: [...(plugin?.execArgv ?? [])],
      env: { ...process.env, STREAMLENS_PROCESS: options.label ?? name },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Its own process group: a terminal's Ctrl-C (SIGINT to the foreground group) or hang-up
      // must reach the stack, which drains through the emulator and then closes it, not the
      // emulator directly (it would be gone before the drain). The IPC watch above still ends it
      // with its parent.
      detached: true,
    },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new EmulatorError(
          `${name} did not start within ${options.startTimeoutMs ?? 15_000} ms${stderr ? `: ${stderr.trim()}` : ''}`,
        ),
      );
    }, options.startTimeoutMs ?? 15_000);
    child.once('message', (m: ChildMessage) => {
      clearTimeout(timer);
      if (m.type === 'listening') resolve(m.port);
      else reject(new EmulatorPortError(name, requested, Object.assign(new Error(m.message), { code: m.code })));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new EmulatorError(`${name} exited during start-up (code ${code})${stderr ? `: ${stderr.trim()}` : ''}`));
    });
  });

  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    name,
    host,
    port,
    pid: child.pid as number,
    endpoint: `http://${host}:${port}`,
    exited,
    close: () => stop('SIGTERM'),
    kill: () => stop('SIGKILL'),
  };
}
