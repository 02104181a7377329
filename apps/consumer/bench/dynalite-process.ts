// dynalite in its own Node process, so its CPU is not billed to the consumer being measured
// (in AWS the database is on other machines) and the two can use both cores.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A running dynalite process. */
export interface DynaliteProcess {
  readonly endpoint: string;
  readonly pid: number;
  /** CPU time the process used so far, µs (from /proc; 0 where unavailable). */
  cpuMicros(): number;
  close(): Promise<void>;
}

const SCRIPT = `
const server = require('dynalite')({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

/** Starts dynalite on a free loopback port in a child process. */
export async function startDynaliteProcess(cwd: string): Promise<DynaliteProcess> {
  const child = spawn(process.execPath, ['-e', SCRIPT], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`dynalite exited with code ${code}`)));
    child.stdout?.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
  });
  const pid = child.pid as number;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    pid,
    cpuMicros: () => {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks (100 Hz).
        return (Number(fields[11]) + Number(fields[12])) * 10_000;
      } catch {
        return 0;
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
