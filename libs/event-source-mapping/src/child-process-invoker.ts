// Runs a built bundle (e.g. dist/apps/consumer/main.cjs exporting `handler`) in a pool of warm
// child processes, one per concurrent invocation, like Lambda execution environments: reused
// while healthy, replaced after a timeout or crash, given the function's environment variables.
import { dirname, isAbsolute, resolve } from 'node:path';
import { InvokerError } from './errors';
import type { FunctionIdentity } from './lambda-context';
import { Sandbox, type SandboxSpec } from './sandbox';
import type { FunctionInvoker, InvokeOptions, InvokeResult } from './types';

/** Options of a ChildProcessInvoker. */
export interface ChildProcessInvokerOptions {
  /** Path of the built CommonJS bundle. */
  readonly bundlePath: string;
  /** Exported handler name (default 'handler'). */
  readonly handlerName?: string;
  readonly functionName: string;
  /** Default: arn:aws:lambda:<region>:000000000000:function:<functionName>. */
  readonly functionArn?: string;
  /** Reported in the context and AWS_LAMBDA_FUNCTION_MEMORY_SIZE (not enforced). Default 128. */
  readonly memoryLimitMb?: number;
  /** Region for AWS_REGION / AWS_DEFAULT_REGION (default 'us-east-1'). */
  readonly region?: string;
  /**
   * Environment of the function (endpoints, table names, credentials, PATH if it needs one).
   * The sandbox gets only these plus Lambda's standard variables, never this process's environment.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Most sandboxes alive at once; further invocations wait for one (default 10). */
  readonly maxSandboxes?: number;
  /** Node.js binary (default: the running one). */
  readonly nodePath?: string;
  /** Receives each line the function writes (default: stderr, prefixed with the function name). */
  readonly onLog?: SandboxSpec['onLog'];
}

/** Counts of the pool. */
export interface SandboxPoolStats {
  readonly alive: number;
  readonly idle: number;
  /** Sandboxes started so far (cold starts). */
  readonly started: number;
}

/**
 * A FunctionInvoker backed by child processes.
 *
 * @example
 * ```ts
 * const invoker = new ChildProcessInvoker({ bundlePath: 'dist/apps/consumer/main.cjs', functionName: 'consumer',
 *   env: { AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint, POSTS_TABLE: 'posts' } });
 * const result = await invoker.invoke(event, { timeoutMs: 60_000, requestId: randomUUID() });
 * await invoker.close();
 * ```
 */
export class ChildProcessInvoker implements FunctionInvoker {
  private readonly spec: SandboxSpec;
  private readonly maxSandboxes: number;
  private readonly alive = new Set<Sandbox>();
  private readonly idle: Sandbox[] = [];
  private readonly waiters: { resolve: (s: Sandbox) => void; reject: (e: Error) => void }[] = [];
  private started = 0;
  private closed = false;

  constructor(options: ChildProcessInvokerOptions) {
    if (!options.bundlePath) throw new InvokerError('ChildProcessInvoker: bundlePath is required');
    if (!options.functionName) throw new InvokerError('ChildProcessInvoker: functionName is required');
    const bundlePath = isAbsolute(options.bundlePath) ? options.bundlePath : resolve(options.bundlePath);
    const region = options.region ?? 'us-east-1';
    const identity: FunctionIdentity = {
      functionName: options.functionName,
      functionArn: options.functionArn ?? `arn:aws:lambda:${region}:000000000000:function:${options.functionName}`,
      memoryLimitMb: options.memoryLimitMb ?? 128,
    };
    this.maxSandboxes = options.maxSandboxes ?? 10;
    if (!Number.isInteger(this.maxSandboxes) || this.maxSandboxes < 1)
      throw new InvokerError(
        `ChildProcessInvoker: maxSandboxes must be a positive integer, got ${options.maxSandboxes}`,
      );
    this.spec = {
      nodePath: options.nodePath ?? process.execPath,
      bundlePath,
      handlerName: options.handlerName ?? 'handler',
      ...identity,
      env: {
        AWS_LAMBDA_FUNCTION_NAME: identity.functionName,
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(identity.memoryLimitMb),
        AWS_REGION: region,
        AWS_DEFAULT_REGION: region,
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
        LAMBDA_TASK_ROOT: dirname(bundlePath),
        TZ: ':UTC',
        ...options.env,
      },
      onLog: options.onLog ?? ((line) => process.stderr.write(`[${identity.functionName}] ${line}\n`)),
    };
  }

  async invoke(event: unknown, options: InvokeOptions): Promise<InvokeResult> {
    if (this.closed) throw new InvokerError(`ChildProcessInvoker(${this.spec.functionName}) is closed`);
    const sandbox = await this.acquire();
    try {
      return await sandbox.invoke(event, options);
    } finally {
      this.release(sandbox);
    }
  }

  /** Pool counts. */
  stats(): SandboxPoolStats {
    return { alive: this.alive.size, idle: this.idle.length, started: this.started };
  }

  /** Kills every sandbox; later invocations reject. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.alive];
    this.alive.clear();
    this.idle.length = 0;
    for (const w of this.waiters.splice(0))
      w.reject(new InvokerError(`ChildProcessInvoker(${this.spec.functionName}) was closed`));
    await Promise.all(all.map((s) => s.kill()));
  }

  private spawn(): Sandbox {
    this.started++;
    const s = new Sandbox(`${this.spec.functionName}-${this.started}`, this.spec);
    this.alive.add(s);
    return s;
  }

  private acquire(): Promise<Sandbox> {
    for (let s = this.idle.pop(); s; s = this.idle.pop()) {
      if (!s.dead) return Promise.resolve(s);
      this.alive.delete(s);
    }
    if (this.alive.size < this.maxSandboxes) return Promise.resolve(this.spawn());
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private release(s: Sandbox): void {
    if (this.closed) return;
    if (s.dead) this.alive.delete(s);
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(s.dead ? this.spawn() : s);
    else if (!s.dead) this.idle.push(s);
  }
}
