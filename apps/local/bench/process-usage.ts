// CPU and RSS of this process and of its child processes (the function sandboxes), read from
// /proc so no extra package is needed; on a system without /proc only this process is measured.
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';

/** Cumulative CPU of one process. */
interface ProcSample {
  readonly cpuMs: number;
  /** Time runnable but waiting for a core (from /proc/<pid>/schedstat); 0 when unknown. */
  readonly waitMs: number;
  readonly rssBytes: number;
  readonly label: string;
}

/** CPU (% of one core) and peak RSS of one group of processes over an interval. */
export interface UsageFigures {
  readonly cpuPercent: number;
  readonly maxRssMb: number;
  /** Busiest single process of the group, % of one core. */
  readonly maxProcessCpuPercent: number;
  readonly processes: number;
  /**
   * Time the group's processes were runnable but waited for a core, % of wall time: high means
   * the process is starved by others on the machine rather than busy itself.
   */
  readonly runQueueWaitPercent: number;
}

/** Whole-machine CPU over an interval. */
export interface MachineFigures {
  /** Busy share of all cores, %. */
  readonly cpuBusyPercent: number;
  readonly loadAverage1m: number;
}

function schedWaitMs(pid: number | 'self'): number {
  try {
    const f = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ');
    return Number(f[1]) / 1e6;
  } catch {
    return 0;
  }
}

function machineTicks(): { busy: number; total: number } {
  try {
    const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

const TICK_MS = 10; // USER_HZ is 100 on Linux
const PAGE = 4096;

// Sandboxes run `node -e <bootstrap>`: their function shows in the environment they were given.
function labelOf(pid: string): string {
  try {
    const env = readFileSync(`/proc/${pid}/environ`, 'utf8');
    // Emulator processes carry STREAMLENS_PROCESS; it wins over a service name they inherited.
    const m = /(?:^|\0)STREAMLENS_PROCESS=([^\0]+)/.exec(env) ?? /(?:^|\0)POWERTOOLS_SERVICE_NAME=([^\0]+)/.exec(env);
    return m?.[1] ?? 'other';
  } catch {
    return 'other';
  }
}

function childSamples(parent: number): Map<number, ProcSample> {
  const out = new Map<number, ProcSample>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the parenthesised command name; ppid is field 4, utime 14, stime 15, rss 24.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[1]) !== parent) continue;
      out.set(Number(pid), {
        cpuMs: (Number(f[11]) + Number(f[12])) * TICK_MS,
        waitMs: schedWaitMs(Number(pid)),
        rssBytes: Number(f[21]) * PAGE,
        label: labelOf(pid),
      });
    } catch {
      // the process exited between listing and reading
    }
  }
  return out;
}

/**
 * Samples CPU and RSS once a second while running; `figures()` reports the interval since
 * `start()`, per group: `main` (this process: mappings, producer), the emulator processes and one per
 * sandboxed function (`consumer`, `aggregator`, `report`, `other`).
 */
export class ProcessUsageMeter {
  private startWall = 0;
  private startCpu = process.cpuUsage();
  private mainRss = 0;
  private mainWait = 0;
  private machineStart = machineTicks();
  private machine: MachineFigures = { cpuBusyPercent: 0, loadAverage1m: 0 };
  private readonly first = new Map<number, ProcSample>();
  private readonly last = new Map<number, ProcSample>();
  private timer: NodeJS.Timeout | undefined;

  /** Starts an interval: remembers the counters now and samples children once a second. */
  start(): void {
    this.startWall = Date.now();
    this.startCpu = process.cpuUsage();
    this.mainRss = process.memoryUsage().rss;
    this.mainWait = schedWaitMs('self');
    this.machineStart = machineTicks();
    this.first.clear();
    this.last.clear();
    for (const [pid, s] of childSamples(process.pid)) {
      this.first.set(pid, s);
      this.last.set(pid, s);
    }
    this.timer = setInterval(() => this.sample(), 1000);
    this.timer.unref();
  }

  private sample(): void {
    this.mainRss = Math.max(this.mainRss, process.memoryUsage().rss);
    for (const [pid, s] of childSamples(process.pid)) {
      // A sandbox started during the interval counts from zero.
      if (!this.first.has(pid)) this.first.set(pid, { ...s, cpuMs: 0, waitMs: 0, rssBytes: 0 });
      const prev = this.last.get(pid);
      this.last.set(pid, { ...s, rssBytes: Math.max(s.rssBytes, prev?.rssBytes ?? 0) });
    }
  }

  /** Whole-machine CPU of the last interval (valid after `stop()`). */
  machineFigures(): MachineFigures {
    return this.machine;
  }

  /** Stops sampling and returns the figures per group. */
  stop(): Record<string, UsageFigures> {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    const wallMs = Math.max(1, Date.now() - this.startWall);
    const cpu = process.cpuUsage(this.startCpu);
    const mainPct = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
    const mainWaitPct = ((schedWaitMs('self') - this.mainWait) / wallMs) * 100;
    const m = machineTicks();
    const total = m.total - this.machineStart.total;
    this.machine = {
      cpuBusyPercent: total > 0 ? round(((m.busy - this.machineStart.busy) / total) * 100) : 0,
      loadAverage1m: round(loadavg()[0] ?? 0),
    };
    const groups: Record<string, UsageFigures> = {
      main: {
        cpuPercent: round(mainPct),
        maxRssMb: round(this.mainRss / 2 ** 20),
        maxProcessCpuPercent: round(mainPct),
        processes: 1,
        runQueueWaitPercent: round(mainWaitPct),
      },
    };
    const acc = new Map<string, { cpu: number; wait: number; rss: number; max: number; n: number }>();
    for (const [pid, end] of this.last) {
      const begin = this.first.get(pid) as ProcSample;
      const pct = ((end.cpuMs - begin.cpuMs) / wallMs) * 100;
      const wait = ((end.waitMs - begin.waitMs) / wallMs) * 100;
      const a = acc.get(end.label) ?? { cpu: 0, wait: 0, rss: 0, max: 0, n: 0 };
      acc.set(end.label, {
        cpu: a.cpu + pct,
        wait: a.wait + wait,
        rss: a.rss + end.rssBytes,
        max: Math.max(a.max, pct),
        n: a.n + 1,
      });
    }
    for (const [label, a] of acc) {
      groups[label] = {
        cpuPercent: round(a.cpu),
        maxRssMb: round(a.rss / 2 ** 20),
        maxProcessCpuPercent: round(a.max),
        processes: a.n,
        runQueueWaitPercent: round(a.wait),
      };
    }
    return groups;
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
