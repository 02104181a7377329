// End-to-end benchmark: `npm run bench -- e2e [--quick] [--steps LIST] [--seconds S]`.
// Emulator ceilings first, then the local stack (no built-in load) driven from this process at
// increasing rates; per step: stored throughput, produce→stored latency, iterator age, CPU/RSS.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { makeDynamoClient, makeKinesisClient } from '@streamlens/emulators';
import { KinesisProducer, SyntheticSocialStream } from '@streamlens/kinesis';
import { localTableName } from '@streamlens/tables';
import { parseFlags } from '../src/cli/flags';
import type { MappingName } from '@streamlens/config';
import type { Logger } from '@streamlens/event-source-mapping';
import { startLocalStack, type LocalStack } from '../src/pipeline/local-stack';
import { E2E_USAGE, parseBenchArgs, type E2eBenchOptions } from './bench-args';
import { dynamoCeiling, kinesisCeiling, type CeilingFigures } from './ceilings';
import { AlertLatencyProbe, type AlertLatency } from './alert-latency';
import { offerLoad, percentile, readStoredPosts } from './load-step';
import { ProcessUsageMeter, type MachineFigures, type UsageFigures } from './process-usage';
import { renderChart } from './svg-chart';

const ROOT = resolve(__dirname, '../../..');
const TARGET = { p99Ms: 3000, iteratorAgeMs: 5000, heldShare: 0.95 } as const;

/** Figures of one rate step. */
interface StepResult {
  rate: number;
  seconds: number;
  offeredPerSecond: number;
  putFailed: number;
  /** Posts of the step stored (ingested) before the step ended, per second of the step. */
  storedPerSecond: number;
  storedTotal: number;
  missing: number;
  p50LatencyMs: number;
  p99LatencyMs: number;
  maxLatencyMs: number;
  maxIteratorAgeMs: number;
  endIteratorAgeMs: number;
  drainMs: number;
  caughtUp: boolean;
  held: boolean;
  usage: Record<string, UsageFigures>;
  machine: MachineFigures;
}

const quietLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (m, f) => console.warn(`[warn] ${m}`, f ?? ''),
  error: (m, f) => console.error(`[error] ${m}`, f ?? ''),
};

function missingBundles(): string[] {
  return ['consumer', 'aggregator', 'report'].filter((a) => !existsSync(join(ROOT, 'dist', 'apps', a, 'main.cjs')));
}

async function maxIteratorAge(stack: LocalStack): Promise<number> {
  const snap = await stack.snapshot();
  return Math.max(0, ...snap.mappings.flatMap((m) => m.shards.map((s) => s.iteratorAgeMs ?? 0)));
}

async function runStep(
  stack: LocalStack,
  producer: KinesisProducer,
  source: SyntheticSocialStream,
  rate: number,
  o: E2eBenchOptions,
): Promise<StepResult> {
  const meter = new ProcessUsageMeter();
  let maxAge = 0;
  let lastAge = 0;
  const ager = setInterval(() => {
    void maxIteratorAge(stack).then((a) => ((lastAge = a), (maxAge = Math.max(maxAge, a))));
  }, 1000);
  meter.start();
  const load = await offerLoad(producer, source, rate, o.seconds);
  const usage = meter.stop();
  const machine = meter.machineFigures();
  clearInterval(ager);
  const endAge = lastAge;
  const drainStart = Date.now();
  const caughtUp = await stack.waitUntilCaughtUp(Math.max(30_000, o.seconds * 1000));
  const drainMs = Date.now() - drainStart;
  const dc = makeDynamoClient(stack.endpoints.dynamodb);
  const stored = await readStoredPosts(
    dc,
    localTableName('dev', 'posts'),
    load.producedAt,
    load.startMs - 6000,
  ).finally(() => dc.destroy());
  const latencies = stored.map((s) => s.ingestedAt - s.producedAt).sort((a, b) => a - b);
  const seconds = (load.endMs - load.startMs) / 1000;
  const inStep = stored.filter((s) => s.ingestedAt <= load.endMs).length;
  const r: StepResult = {
    rate,
    seconds: Math.round(seconds * 10) / 10,
    offeredPerSecond: Math.round(load.offered / seconds),
    putFailed: load.failed,
    storedPerSecond: Math.round(inStep / seconds),
    storedTotal: stored.length,
    missing: load.producedAt.size - stored.length,
    p50LatencyMs: percentile(latencies, 0.5),
    p99LatencyMs: percentile(latencies, 0.99),
    maxLatencyMs: latencies[latencies.length - 1] ?? Number.NaN,
    maxIteratorAgeMs: maxAge,
    endIteratorAgeMs: endAge,
    drainMs,
    caughtUp,
    held: false,
    usage,
    machine,
  };
  r.held =
    r.storedPerSecond >= rate * TARGET.heldShare &&
    r.p99LatencyMs <= TARGET.p99Ms &&
    r.endIteratorAgeMs <= TARGET.iteratorAgeMs &&
    r.missing === 0;
  return r;
}

/** What each process group of the usage figures runs. */
const GROUP_ROLES: Readonly<Record<string, string>> = {
  main: 'the benchmark process: producer + event-source mappings, one event loop',
  kinesalite: 'the kinesalite process',
  dynalite: 'the dynalite process',
  consumer: 'the consumer sandboxes',
  aggregator: 'the aggregator sandboxes',
  report: 'the report sandbox',
};

/** Which process bounds the last step: CPU + run-queue wait per process near one core means it always had work. */
function saturation(steps: readonly StepResult[]): string {
  const last = steps[steps.length - 1];
  if (!last) return 'no step ran';
  const u = last.usage;
  const total = Object.values(u).reduce((s, g) => s + g.cpuPercent, 0);
  const parts = [
    `at ${last.rate}/s: benchmark processes use ${Math.round(total)} % of ${cpus().length * 100} % CPU, the machine is ${last.machine.cpuBusyPercent} % busy (load ${last.machine.loadAverage1m})`,
  ];
  // Demand of the group's busiest process: its own CPU (so one saturated sandbox among four is not
  // averaged away), plus the group's wait spread over its processes (wait is only known per group).
  const demand = Object.entries(u)
    .map(([group, g]) => ({
      group,
      cpu: Math.max(g.maxProcessCpuPercent, g.cpuPercent / Math.max(1, g.processes)),
      wait: g.runQueueWaitPercent / Math.max(1, g.processes),
    }))
    .sort((a, b) => b.cpu + b.wait - (a.cpu + a.wait));
  const top = demand[0];
  if (top)
    parts.push(
      `busiest: ${top.group} (${GROUP_ROLES[top.group] ?? 'other processes'}) at ${Math.round(top.cpu)} % of a core + ${Math.round(top.wait)} % waiting for one`,
    );
  if (top && top.cpu + top.wait >= 90) parts.push(`${top.group} is saturated`);
  else if (last.machine.cpuBusyPercent >= 90)
    parts.push('the machine is saturated (all cores busy): no single process is, they compete for the cores');
  else
    parts.push(
      'no process is CPU-bound: the limit is latency (batch window, serial per-shard invokes, emulator round trips)',
    );
  return parts.join('; ');
}

function fmt(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n)) : '-';
}

function printStep(r: StepResult): void {
  const cpu = Object.entries(r.usage)
    .map(
      ([k, g]) =>
        `${k} ${g.cpuPercent}% cpu (waited ${g.runQueueWaitPercent}%) ${g.maxRssMb}MB${g.processes > 1 ? ` ×${g.processes}` : ''}`,
    )
    .join(', ');
  console.log(
    `step ${r.rate}/s: offered ${r.offeredPerSecond}/s, stored ${r.storedPerSecond}/s (${r.storedTotal} stored, ${r.missing} missing), p50 ${fmt(r.p50LatencyMs)} ms, p99 ${fmt(r.p99LatencyMs)} ms, ` +
      `iterator age max ${r.maxIteratorAgeMs} ms / end ${r.endIteratorAgeMs} ms, drain ${r.drainMs} ms${r.caughtUp ? '' : ' (not caught up)'}, held ${r.held}\n    machine ${r.machine.cpuBusyPercent}% busy, load ${r.machine.loadAverage1m}; ${cpu}`,
  );
}

async function main(argv: string[]): Promise<number> {
  const o = parseBenchArgs(argv);
  if (o.help) return (console.log(E2E_USAGE), 0);
  const missing = missingBundles();
  if (missing.length > 0) {
    console.error(
      `missing bundles: ${missing.map((a) => `dist/apps/${a}/main.cjs`).join(', ')}\nbuild them first: NX_DAEMON=false npx nx run-many -t build -p consumer aggregator report`,
    );
    return 2;
  }
  const command = `npm run bench -- e2e ${argv.join(' ')}`.trim();
  if (o.fanOutAbRounds > 0) return fanOutAb(o, command);
  console.log(
    `e2e benchmark: steps ${o.steps.join(', ')} posts/s × ${o.seconds} s, ${o.shards} shards; ceilings ${o.ceilingSeconds} s each`,
  );
  const kinesis: CeilingFigures = await kinesisCeiling(o.ceilingSeconds, o.shards);
  console.log(`ceiling kinesalite PutRecords (500/call, ${o.shards} shards): ${kinesis.itemsPerSecond} records/s`);
  const dynamo: CeilingFigures = await dynamoCeiling(o.ceilingSeconds);
  console.log(`ceiling dynalite BatchWriteItem (25/call): ${dynamo.itemsPerSecond} items/s`);

  const { stack, kc, producer } = await startBenchStack(o, []);
  const alertProbe = new AlertLatencyProbe(stack);
  let alertLatency: AlertLatency | undefined;
  const source = new SyntheticSocialStream({ seed: 1 });
  const steps: StepResult[] = [];
  const skipped: number[] = [];
  let itemsPerPost = 1;
  try {
    for (const rate of o.steps) {
      const last = steps[steps.length - 1];
      if (last && last.storedPerSecond < last.rate * o.giveUpBelow) {
        skipped.push(rate);
        continue;
      }
      const r = await runStep(stack, producer, source, rate, o);
      steps.push(r);
      printStep(r);
    }
    // Each post is one post item plus one index item per hashtag: the DynamoDB ceiling is in items.
    const posts = await stack.countItems('posts', 'POST#');
    itemsPerPost = posts > 0 ? Math.round(((await stack.countItems('posts')) / posts) * 100) / 100 : 1;
  } finally {
    alertLatency = alertProbe.stop();
    await producer.close().catch(() => undefined);
    kc.destroy();
    await stack.stop();
  }
  console.log(
    `alert latency (window end → event on the bus): ${alertLatency.alerts} alerts, p50 ${fmt(alertLatency.p50Ms ?? Number.NaN)} ms, p99 ${fmt(alertLatency.p99Ms ?? Number.NaN)} ms`,
  );
  if (skipped.length > 0)
    console.log(
      `skipped steps ${skipped.join(', ')}: the previous step stored less than ${o.giveUpBelow * 100} % of its rate`,
    );

  const best = [...steps].reverse().find((s) => s.held);
  const peak = Math.max(0, ...steps.map((s) => s.storedPerSecond));
  const lowerCeiling = Math.min(kinesis.itemsPerSecond, dynamo.itemsPerSecond);
  const sustained = best?.storedPerSecond ?? 0;
  const result = {
    benchmark: 'e2e',
    command,
    date: new Date().toISOString(),
    sustainedPostsPerSecond: sustained,
    sustainedAtRate: best?.rate ?? null,
    p99LatencyMs: best?.p99LatencyMs ?? null,
    peakStoredPostsPerSecond: peak,
    alertLatency,
    // No step may hold the bounds: the fastest step still tells where the pipeline stands.
    peakStep:
      steps
        .filter((s) => s.storedPerSecond === peak)
        .map((s) => ({
          rate: s.rate,
          storedPerSecond: s.storedPerSecond,
          p50LatencyMs: s.p50LatencyMs,
          p99LatencyMs: s.p99LatencyMs,
        }))[0] ?? null,
    ceilingFraction: Math.round((sustained / lowerCeiling) * 1000) / 1000,
    peakCeilingFraction: Math.round((peak / lowerCeiling) * 1000) / 1000,
    storedItemsPerPost: itemsPerPost,
    peakItemCeilingFraction: Math.round(((peak * itemsPerPost) / dynamo.itemsPerSecond) * 1000) / 1000,
    ceilings: {
      kinesisPutRecordsPerSecond: kinesis,
      dynamoBatchWriteItemsPerSecond: dynamo,
      lowerItemsPerSecond: lowerCeiling,
    },
    targets: {
      postsPerSecond: 5000,
      seconds: 60,
      p99Ms: TARGET.p99Ms,
      iteratorAgeMs: TARGET.iteratorAgeMs,
      ceilingFraction: 0.5,
      heldMeans: `stored ≥ ${TARGET.heldShare * 100} % of the rate during the step, p99 ≤ 3 s, iterator age ≤ 5 s at the end, nothing missing after the drain`,
    },
    targetsMet: { throughput: sustained >= 5000 && o.seconds >= 60, ceilingFraction: sustained / lowerCeiling >= 0.5 },
    saturation: saturation(steps),
    options: { steps: o.steps, seconds: o.seconds, ceilingSeconds: o.ceilingSeconds, shards: o.shards, skipped },
    steps,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      platform: process.platform,
    },
    notes: [
      'Latency = stored doc.ingestedAt (the consumer batch start) minus the time the post was handed to the producer; the DynamoDB write itself follows ingestedAt by the batch write time.',
      'kinesalite and dynalite run in their own processes; the event-source mappings and the producer share the benchmark process (one event loop); functions run in child-process sandboxes.',
    ],
  };
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'e2e.json'), JSON.stringify(result, null, 2) + '\n');
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  writeFileSync(
    join(ROOT, 'docs', 'e2e-bench.svg'),
    renderChart(steps, `StreamLens e2e (${o.shards} shards, ${o.seconds} s steps): stored posts/s and p99 latency`),
  );
  console.log(
    `\nsustained ${sustained} posts/s (rate ${best?.rate ?? '-'}), p99 ${fmt(best?.p99LatencyMs ?? Number.NaN)} ms; peak stored ${peak}/s`,
  );
  console.log(
    `ceiling fraction ${result.ceilingFraction} (peak ${result.peakCeilingFraction}) of ${lowerCeiling} items/s`,
  );
  console.log(
    `posts table items per post ${itemsPerPost}: peak DynamoDB item writes = ${result.peakItemCeilingFraction} of the dynalite ceiling`,
  );
  console.log(`saturation: ${result.saturation}`);
  console.log(
    `machine: ${result.machine.cpus} cpus, node ${result.machine.node}, load ${result.machine.loadAverage.join(' ')}`,
  );
  console.log('wrote bench-results/e2e.json and docs/e2e-bench.svg');
  return 0;
}

/** The local stack without built-in load (dev settings, free ports) and a producer driving it. */
async function startBenchStack(o: E2eBenchOptions, enhancedFanOut: readonly MappingName[]) {
  const flags = parseFlags([
    '--shards',
    String(o.shards),
    '--no-load',
    '--stack',
    'dev',
    '--ports',
    'kinesis=0,dynamodb=0,report=0',
  ]);
  const stack = await startLocalStack(flags, { repoRoot: ROOT }, quietLogger, { enhancedFanOut });
  const kc = makeKinesisClient(stack.endpoints.kinesis);
  const producer = new KinesisProducer({
    client: kc,
    streamName: stack.streamName,
    aggregation: stack.config.producer.aggregation,
  });
  return { stack, kc, producer };
}

/** One arm of the fan-out A/B: a fresh stack, the steps, the figures. */
async function fanOutArm(o: E2eBenchOptions, enhancedFanOut: readonly MappingName[]): Promise<StepResult[]> {
  const { stack, kc, producer } = await startBenchStack(o, enhancedFanOut);
  const source = new SyntheticSocialStream({ seed: 1 });
  const steps: StepResult[] = [];
  try {
    for (const rate of o.steps) {
      const r = await runStep(stack, producer, source, rate, o);
      steps.push(r);
      printStep(r);
    }
  } finally {
    await producer.close().catch(() => undefined);
    kc.destroy();
    await stack.stop();
  }
  return steps;
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * Enhanced fan-out A/B: A = both mappings share each shard's read limits (standard consumers),
 * B = the consumer reads through a consumer of its own (its own read budget). Arms alternate
 * round by round so a busy machine hurts both alike; medians and B/A ratios per step.
 */
async function fanOutAb(o: E2eBenchOptions, command: string): Promise<number> {
  const arms = { shared: [] as StepResult[][], consumerFanOut: [] as StepResult[][] };
  for (let round = 1; round <= o.fanOutAbRounds; round++) {
    for (const [arm, efo] of [
      ['shared', []],
      ['consumerFanOut', ['consumer']],
    ] as const) {
      console.log(`round ${round}/${o.fanOutAbRounds}, arm ${arm}`);
      arms[arm].push(await fanOutArm(o, efo));
    }
  }
  const perStep = o.steps.map((rate, i) => {
    const figures = (arm: StepResult[][]) => ({
      storedPerSecond: arm.map((run) => run[i]?.storedPerSecond ?? 0),
      p99LatencyMs: arm.map((run) => run[i]?.p99LatencyMs ?? Number.NaN),
      maxIteratorAgeMs: arm.map((run) => run[i]?.maxIteratorAgeMs ?? Number.NaN),
    });
    const a = figures(arms.shared);
    const b = figures(arms.consumerFanOut);
    const ratio = Math.round((median(b.storedPerSecond) / Math.max(1, median(a.storedPerSecond))) * 100) / 100;
    console.log(
      `${rate}/s: stored/s shared ${a.storedPerSecond.join(' · ')} (median ${median(a.storedPerSecond)}), consumer on fan-out ${b.storedPerSecond.join(' · ')} (median ${median(b.storedPerSecond)}); B/A ${ratio}`,
    );
    return { rate, shared: a, consumerFanOut: b, medianStoredRatio: ratio };
  });
  const result = {
    benchmark: 'e2e-fan-out-ab',
    command,
    date: new Date().toISOString(),
    arms: {
      shared:
        'both mappings share each shard read budget (5 GetRecords/s, 2 MiB/s), as two standard consumers in Kinesis',
      consumerFanOut:
        'the consumer mapping reads with a budget of its own, as an enhanced fan-out consumer; the aggregator keeps the shard budget',
    },
    options: { steps: o.steps, seconds: o.seconds, shards: o.shards, rounds: o.fanOutAbRounds },
    perStep,
    machine: {
      cpus: cpus().length,
      node: process.version,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    },
  };
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'e2e-fan-out-ab.json'), JSON.stringify(result, null, 2) + '\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
