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
import type { Logger } from '@streamlens/event-source-mapping';
import { startLocalStack, type LocalStack, type LocalStackOverrides } from '../src/pipeline/local-stack';
import { producerSettings } from '../src/pipeline/producer-settings';
import { E2E_USAGE, parseBenchArgs, type E2eBenchOptions } from './bench-args';
import { dynamoCeiling, kinesisCeiling, type CeilingFigures } from './ceilings';
import { AlertLatencyProbe, type AlertLatency } from './alert-latency';
import { InvokeTimings } from './invoke-timings';
import { PREVIOUS_BATCHING, withPreviousBatching } from './previous-batching';
import { STAGES, stageBreakdown, type StageBreakdown } from './latency-stages';
import { offerLoad, readStoredPosts } from './load-step';
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
  /** Produce → stored (the storing invoke's end), of the posts whose invoke was timed. */
  p50LatencyMs: number;
  p99LatencyMs: number;
  maxLatencyMs: number;
  /** The latency split into stages (docs/BENCHMARKS.md "e2e"), and the size of the storing invokes. */
  breakdown: StageBreakdown;
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
  timings: InvokeTimings,
  producer: KinesisProducer,
  source: SyntheticSocialStream,
  rate: number,
  o: E2eBenchOptions,
): Promise<StepResult> {
  const meter = new ProcessUsageMeter();
  timings.clear();
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
  const breakdown = stageBreakdown(stored, (id) => timings.spansOf(id));
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
    p50LatencyMs: breakdown.stages.total.p50,
    p99LatencyMs: breakdown.stages.total.p99,
    maxLatencyMs: breakdown.stages.total.max,
    breakdown,
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
  const b = r.breakdown;
  const stages = (Object.keys(STAGES) as (keyof typeof STAGES)[])
    .map((k) => `${k} ${fmt(b.stages[k].p50)}/${fmt(b.stages[k].p99)}`)
    .join(', ');
  console.log(
    `    stages p50/p99 ms: ${stages}; posts per invoke p50 ${fmt(b.postsPerInvoke.p50)} p99 ${fmt(b.postsPerInvoke.p99)} max ${fmt(b.postsPerInvoke.max)}, records per invoke p50 ${fmt(b.recordsPerInvoke.p50)} max ${fmt(b.recordsPerInvoke.max)}${b.unmatched ? `; ${b.unmatched} posts without a timed invoke` : ''}`,
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
  if (o.batchingAbRounds > 0) return batchingAb(o, command);
  console.log(
    `e2e benchmark: steps ${o.steps.join(', ')} posts/s × ${o.seconds} s, ${o.shards} shards; ceilings ${o.ceilingSeconds} s each`,
  );
  const kinesis: CeilingFigures = await kinesisCeiling(o.ceilingSeconds, o.shards);
  console.log(`ceiling kinesalite PutRecords (500/call, ${o.shards} shards): ${kinesis.itemsPerSecond} records/s`);
  const dynamo: CeilingFigures = await dynamoCeiling(o.ceilingSeconds);
  console.log(`ceiling dynalite BatchWriteItem (25/call): ${dynamo.itemsPerSecond} items/s`);

  const { stack, kc, producer, timings } = await startBenchStack(o);
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
      const r = await runStep(stack, timings, producer, source, rate, o);
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
      'Latency = end of the consumer invoke that stored the post (its ingestedAt falls inside it) minus the time the post was handed to the producer; steps[].breakdown splits it at the Kinesis arrival, the invoke start and the handler start (ingestedAt).',
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

/**
 * The local stack without built-in load (dev settings, free ports, `overrides` for an A/B arm), the
 * consumer's invokes timed, and a producer with the stack's producer settings driving it.
 */
async function startBenchStack(o: E2eBenchOptions, overrides: LocalStackOverrides = {}) {
  const flags = parseFlags([
    '--shards',
    String(o.shards),
    '--no-load',
    '--stack',
    'dev',
    '--ports',
    'kinesis=0,dynamodb=0,report=0',
  ]);
  let timings: InvokeTimings | undefined;
  const stack = await startLocalStack(flags, { repoRoot: ROOT }, quietLogger, {
    ...overrides,
    wrapInvoker: (mapping, invoker) => (mapping === 'consumer' ? (timings = new InvokeTimings(invoker)) : invoker),
  });
  if (!timings) throw new Error('the local stack started no consumer mapping');
  const kc = makeKinesisClient(stack.endpoints.kinesis);
  const producer = new KinesisProducer({
    client: kc,
    streamName: stack.streamName,
    ...producerSettings(stack.config.producer),
  });
  return { stack, kc, producer, timings };
}

/** One side of an A/B: a name, what it runs, and how the stack differs from the stack file. */
interface Arm {
  readonly name: string;
  readonly description: string;
  readonly overrides: LocalStackOverrides;
}

/** One run of an arm: a fresh stack, the steps, the figures. */
async function armRun(o: E2eBenchOptions, arm: Arm): Promise<StepResult[]> {
  const { stack, kc, producer, timings } = await startBenchStack(o, arm.overrides);
  const source = new SyntheticSocialStream({ seed: 1 });
  const steps: StepResult[] = [];
  try {
    for (const rate of o.steps) {
      const r = await runStep(stack, timings, producer, source, rate, o);
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

/** The figures of one arm at one step, one value per round. */
function armFigures(runs: readonly StepResult[][], i: number) {
  const at = (f: (s: StepResult) => number) => runs.map((run) => (run[i] ? f(run[i]) : Number.NaN));
  return {
    storedPerSecond: at((s) => s.storedPerSecond),
    p50LatencyMs: at((s) => s.p50LatencyMs),
    p99LatencyMs: at((s) => s.p99LatencyMs),
    maxIteratorAgeMs: at((s) => s.maxIteratorAgeMs),
    missing: at((s) => s.missing),
    stagesP99Ms: Object.fromEntries(
      (Object.keys(STAGES) as (keyof typeof STAGES)[]).map((k) => [k, at((s) => s.breakdown.stages[k].p99)]),
    ),
    postsPerInvokeP99: at((s) => s.breakdown.postsPerInvoke.p99),
  };
}

/**
 * An A/B of two stack variants: arms alternate round by round on fresh stacks so a busy machine
 * hurts both alike; per step the rounds' figures, their medians and the B/A ratios of stored
 * posts/s and p99 latency. Writes bench-results/<file>.
 */
async function abRounds(
  o: E2eBenchOptions,
  command: string,
  benchmark: string,
  rounds: number,
  arms: readonly [Arm, Arm],
): Promise<number> {
  const runs: [StepResult[][], StepResult[][]] = [[], []];
  for (let round = 1; round <= rounds; round++) {
    for (const side of [0, 1] as const) {
      console.log(`round ${round}/${rounds}, arm ${arms[side].name}`);
      runs[side].push(await armRun(o, arms[side]));
    }
  }
  const perStep = o.steps.map((rate, i) => {
    const [a, b] = [armFigures(runs[0], i), armFigures(runs[1], i)];
    const ratio = (x: number, y: number) => Math.round((x / Math.max(1, y)) * 100) / 100;
    const storedRatio = ratio(median(b.storedPerSecond), median(a.storedPerSecond));
    const p99Ratio = ratio(median(b.p99LatencyMs), median(a.p99LatencyMs));
    console.log(
      `${rate}/s: stored/s ${arms[0].name} ${a.storedPerSecond.join(' · ')} (median ${median(a.storedPerSecond)}), ${arms[1].name} ${b.storedPerSecond.join(' · ')} (median ${median(b.storedPerSecond)}); ` +
        `p99 ms ${arms[0].name} ${a.p99LatencyMs.join(' · ')}, ${arms[1].name} ${b.p99LatencyMs.join(' · ')}; B/A stored ${storedRatio}, p99 ${p99Ratio}`,
    );
    return { rate, [arms[0].name]: a, [arms[1].name]: b, medianStoredRatio: storedRatio, medianP99Ratio: p99Ratio };
  });
  const result = {
    benchmark,
    command,
    date: new Date().toISOString(),
    arms: Object.fromEntries(arms.map((arm) => [arm.name, arm.description])),
    options: { steps: o.steps, seconds: o.seconds, shards: o.shards, rounds },
    perStep,
    machine: {
      cpus: cpus().length,
      node: process.version,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    },
  };
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', `${benchmark}.json`), JSON.stringify(result, null, 2) + '\n');
  console.log(`wrote bench-results/${benchmark}.json`);
  return 0;
}

/** Enhanced fan-out A/B: both mappings on the shard's shared read budget vs the consumer on a budget of its own. */
function fanOutAb(o: E2eBenchOptions, command: string): Promise<number> {
  return abRounds(o, command, 'e2e-fan-out-ab', o.fanOutAbRounds, [
    {
      name: 'shared',
      description:
        'both mappings share each shard read budget (5 GetRecords/s, 2 MiB/s), as two standard consumers in Kinesis',
      overrides: {},
    },
    {
      name: 'consumerFanOut',
      description:
        'the consumer mapping reads with a budget of its own, as an enhanced fan-out consumer; the aggregator keeps the shard budget',
      overrides: { enhancedFanOut: ['consumer'] },
    },
  ]);
}

/** Batching A/B: the stack file's batching settings vs the ones it had before issue #21. */
function batchingAb(o: E2eBenchOptions, command: string): Promise<number> {
  return abRounds(o, command, 'e2e-batching-ab', o.batchingAbRounds, [
    { name: 'stackFile', description: 'the batching settings of Pulumi.dev.yaml', overrides: {} },
    {
      name: 'previous',
      description: `the settings before issue #21: ${JSON.stringify(PREVIOUS_BATCHING)}`,
      overrides: { config: withPreviousBatching },
    },
  ]);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
