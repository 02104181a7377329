// Runs the Pulumi program the way `pulumi preview` runs it — Pulumi's own language host
// (@pulumi/pulumi/cmd/run) loading infra/ with ts-node, the config in PULUMI_CONFIG, the SDK's
// handling of uncaught errors — with only the resource monitor mocked (cli-preload.cjs).
import { spawn } from 'node:child_process';
import * as path from 'node:path';

/** Options of {@link runProgramAsCli}. */
export interface ProgramRunOptions {
  readonly repoRoot: string;
  readonly stack: string;
  /** PULUMI_CONFIG as the CLI passes it (see pulumiConfigFromStackFile). */
  readonly config: Readonly<Record<string, string>>;
  /** Kills the run after this long (default 180 s). */
  readonly timeoutMs?: number;
}

/** How the run ended. */
export interface ProgramRun {
  /** 0 = the program declared its stack; 32 = it failed after printing a message for the user. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs infra/ under Pulumi's language host with mocked resources.
 *
 * @example
 * ```ts
 * const run = await runProgramAsCli({ repoRoot, stack: 'dev', config: { 'aws:region': 'eu-west-1' } });
 * ```
 */
export function runProgramAsCli(o: ProgramRunOptions): Promise<ProgramRun> {
  const host = path.join(o.repoRoot, 'node_modules/@pulumi/pulumi/cmd/run/index.js');
  const preload = path.join(__dirname, 'cli-preload.cjs');
  const args = ['-r', preload, host, '--monitor=mock', '--project=streamlens', `--stack=${o.stack}`, '--dry-run'];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...args, path.join(o.repoRoot, 'infra')], {
      cwd: o.repoRoot,
      env: {
        ...process.env,
        PULUMI_CONFIG: JSON.stringify(o.config),
        PULUMI_NODEJS_TYPESCRIPT: 'true',
        PULUMI_NODEJS_TSCONFIG_PATH: path.join(o.repoRoot, 'infra/tsconfig.json'),
        PULUMI_NODEJS_TRANSPILE_ONLY: 'true',
        STREAMLENS_MOCK_STACK: o.stack,
        FORCE_COLOR: '0',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the program did not finish within ${o.timeoutMs ?? 180_000} ms:\n${stdout}${stderr}`));
    }, o.timeoutMs ?? 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}
