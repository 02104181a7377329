// Starts chaos-producer.ts as a child process (Node with the tsx loader, the same TypeScript the
// tests run) and feeds its acknowledgements into the ledger.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { ChaosLedger } from './chaos-ledger';
import { raisePriority } from './priority';
import type { ChaosProducerOptions, DoneMessage, ProducerMessage } from './producer-protocol';

/** A running chaos producer. */
export interface ProducerProcess {
  /** Records offered so far. */
  offered(): number;
  /** Resolves with the producer's summary once every record settled; rejects if it fails. */
  readonly done: Promise<DoneMessage>;
  kill(): void;
  /** The producer's nice value: raised where the OS allows (see priority.ts), else 0. */
  readonly nice: number;
}

/** Forks the producer; every acknowledged record goes into `ledger`. */
export function startProducerProcess(
  options: ChaosProducerOptions,
  ledger: ChaosLedger,
  repoRoot: string,
): ProducerProcess {
  const child = fork(join(__dirname, 'chaos-producer.ts'), [JSON.stringify(options)], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: join(repoRoot, 'tsconfig.base.json') },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  const nice = raisePriority(child.pid);
  let offered = 0;
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => void (stderr = (stderr + c.toString()).slice(-4000)));
  const done = new Promise<DoneMessage>((resolve, reject) => {
    let summary: DoneMessage | undefined;
    child.on('message', (m: ProducerMessage) => {
      offered = m.offered;
      if (m.type === 'done') summary = m;
      else {
        for (const [postId, versionMs] of m.posts) ledger.ackPost(postId, versionMs);
        for (const [key, reason] of m.poison) ledger.ackPoison(key, reason);
      }
    });
    child.once('error', reject);
    // 'close', not 'exit': it also waits for the IPC channel and stderr, so the last acks and
    // the 'done' message have been read when it fires.
    child.on('close', (code, signal) =>
      summary && code === 0
        ? resolve(summary)
        : reject(
            new Error(
              `the chaos producer exited (code ${code}, signal ${signal}) before it was done:\n${stderr.slice(-2000)}`,
            ),
          ),
    );
  });
  return { offered: () => offered, done, kill: () => void child.kill('SIGKILL'), nice };
}
