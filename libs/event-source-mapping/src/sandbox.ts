// One warm sandbox: a child Node.js process running the bootstrap, serving one invocation at a
// time. A timeout kills it (SIGKILL); the pool replaces it on the next invocation.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { INVOKE_ERROR_TYPES } from './constants';
import { resultOfJson, timeoutFailure } from './lambda-context';
import { SANDBOX_BOOTSTRAP_SOURCE } from './sandbox-bootstrap';
import type { InvokeOptions, InvokeResult } from './types';

/** What a sandbox needs to run the function. */
export interface SandboxSpec {
  readonly nodePath: string;
  readonly bundlePath: string;
  readonly handlerName: string;
  readonly functionName: string;
  readonly functionArn: string;
  readonly memoryLimitMb: number;
  readonly env: Readonly<Record<string, string>>;
  readonly onLog: (line: string, meta: { stream: 'stdout' | 'stderr'; sandboxId: string }) => void;
}

type ChildMessage =
  | { type: 'result'; requestId: string; ok: true; payloadJson: string }
  | { type: 'result'; requestId: string; ok: false; errorType: string; errorMessage: string }
  | { type: 'crash'; requestId: string | null; errorType: string; errorMessage: string };

interface Pending {
  readonly requestId: string;
  settle(result: InvokeResult): void;
}

/** A child process that runs the function. */
export class Sandbox {
  private readonly child: ChildProcess;
  private pending: Pending | undefined;
  private exited = false;
  private readonly exitedPromise: Promise<void>;
  /** Invocations served (1 = this was a cold start). */
  invocations = 0;

  constructor(
    readonly id: string,
    private readonly spec: SandboxSpec,
  ) {
    this.child = spawn(spec.nodePath, ['-e', SANDBOX_BOOTSTRAP_SOURCE], {
      env: { ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
      // Its own process group, like a Lambda execution environment that the terminal cannot
      // reach: Ctrl-C or a hang-up goes to the stack, which drains in-flight invokes and then
      // closes the pool. The bootstrap exits when the IPC channel closes, so none outlives us.
      detached: true,
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = this.child[stream];
      if (source) createInterface({ input: source }).on('line', (line) => spec.onLog(line, { stream, sandboxId: id }));
    }
    this.child.on('message', (m: ChildMessage) => this.onMessage(m));
    this.exitedPromise = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exited = true;
        this.settle({
          ok: false,
          errorType: INVOKE_ERROR_TYPES.runtimeExit,
          errorMessage: `Runtime exited ${signal ? `with signal ${signal}` : `with error: exit status ${code}`}`,
        });
        resolve();
      });
      this.child.once('error', (err) => {
        this.exited = true;
        this.settle({
          ok: false,
          errorType: INVOKE_ERROR_TYPES.runtimeExit,
          errorMessage: `Runtime failed to start: ${err.message}`,
        });
        resolve();
      });
    });
  }

  /** The process is gone (crashed, timed out, or closed). */
  get dead(): boolean {
    return this.exited || this.child.killed;
  }

  /** Runs one invocation; never rejects. */
  invoke(event: unknown, options: InvokeOptions): Promise<InvokeResult> {
    this.invocations++;
    return new Promise<InvokeResult>((resolve) => {
      const timer = setTimeout(() => {
        this.settle(timeoutFailure(options.requestId, options.timeoutMs));
        void this.kill();
      }, options.timeoutMs);
      this.pending = {
        requestId: options.requestId,
        settle: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
      };
      if (this.dead)
        return this.settle({
          ok: false,
          errorType: INVOKE_ERROR_TYPES.runtimeExit,
          errorMessage: 'Runtime exited before the invocation',
        });
      const message = {
        type: 'invoke',
        requestId: options.requestId,
        event,
        deadlineMs: Date.now() + options.timeoutMs,
        bundlePath: this.spec.bundlePath,
        handlerName: this.spec.handlerName,
        functionName: this.spec.functionName,
        functionArn: this.spec.functionArn,
        memoryLimitMb: this.spec.memoryLimitMb,
        sandboxId: this.id,
      };
      this.child.send(message, (err) => {
        if (err)
          this.settle({
            ok: false,
            errorType: INVOKE_ERROR_TYPES.runtimeExit,
            errorMessage: `Runtime unreachable: ${err.message}`,
          });
      });
    });
  }

  /** Kills the process (SIGKILL) and waits for it to exit. */
  async kill(): Promise<void> {
    if (!this.exited) this.child.kill('SIGKILL');
    await this.exitedPromise;
  }

  private settle(result: InvokeResult): void {
    const p = this.pending;
    this.pending = undefined;
    p?.settle(result);
  }

  private onMessage(m: ChildMessage): void {
    if (!this.pending) return;
    if (m.type === 'crash') {
      this.settle({ ok: false, errorType: m.errorType, errorMessage: m.errorMessage });
      return;
    }
    if (m.requestId !== this.pending.requestId) return;
    this.settle(
      m.ok ? resultOfJson(m.payloadJson) : { ok: false, errorType: m.errorType, errorMessage: m.errorMessage },
    );
  }
}
