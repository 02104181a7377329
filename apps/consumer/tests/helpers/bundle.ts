// Runs the BUILT consumer bundle (dist/apps/consumer/main.cjs) in a child Node process, as the
// local stack and Lambda do: env set before the module loads (it reads it at cold start), the
// event sent over IPC, the handler's answer sent back. Logs stay on the child's stdout/stderr.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Path of the bundle; the consumer's test target depends on its build target. */
export const BUNDLE_PATH = resolve(__dirname, '../../../../dist/apps/consumer/main.cjs');

const CHILD = `
const bundle = require(process.argv[1]);
process.on('message', async (event) => {
  try { process.send({ ok: true, response: await bundle.handler(event) }); }
  catch (err) { process.send({ ok: false, error: String(err && err.stack || err) }); }
});
process.send({ ready: true });
`;

/** A warm bundle process. */
export interface BundleProcess {
  invoke(event: unknown): Promise<unknown>;
  /** Everything the function logged so far. */
  output(): string;
  close(): Promise<void>;
}

/** Only the variables given: no credentials or settings leak in from the test runner. */
function childEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '', ...env };
}

/**
 * Starts the bundle with `env`; rejects with the child's stderr when it fails to load (a bad
 * configuration throws at cold start).
 */
export async function startBundle(env: Record<string, string>): Promise<BundleProcess> {
  if (!existsSync(BUNDLE_PATH))
    throw new Error(`${BUNDLE_PATH} is missing: build it with NX_DAEMON=false npx nx run consumer:build`);
  const child: ChildProcess = spawn(process.execPath, ['-e', CHILD, BUNDLE_PATH], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((ok, fail) => {
    child.once('message', () => ok());
    child.once('exit', (code) => fail(new Error(`bundle exited with code ${code} before it was ready:\n${output}`)));
  });
  return {
    invoke: (event) =>
      new Promise((ok, fail) => {
        child.once('message', (m: { ok: boolean; response?: unknown; error?: string }) =>
          m.ok ? ok(m.response) : fail(new Error(m.error)),
        );
        child.send(event as object);
      }),
    output: () => output,
    close: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill();
      }),
  };
}
