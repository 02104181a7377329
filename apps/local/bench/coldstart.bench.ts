// Cold-start benchmark: `npm run bench -- coldstart [--runs N] [--apps LIST] [--no-host-node]`.
// Builds each function bundle as shipped and as the named alternatives (AWS SDK external as the
// Lambda runtime provides it; esbuild defaults), then starts a fresh Node process per init —
// interleaved, many times — with the function's environment, and reports process start → handler
// ready (median), the main thread's CPU time (the steadier figure on a busy machine) and sizes.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FUNCTION_APPS, functionEnvironment, loadStackConfig, type FunctionRole } from '@streamlens/config';
import { lambdaNodeFor } from '@streamlens/event-source-mapping';
import {
  BUNDLE_VARIANTS,
  CLIENT_REFERENCES,
  buildClientReference,
  buildVariant,
  type BuiltBundle,
} from './bundle-variants';
import { COLDSTART_USAGE, parseColdstartArgs } from './coldstart-args';
import { distribution, probeInit, type Distribution, type InitSample } from './init-probe';

const ROOT = resolve(__dirname, '../../..');
const TARGET_MS = 60;
const STACK = 'dev';

/** One thing measured: a bundle, on a Node, with or without source maps enabled. */
interface Measured {
  readonly key: string;
  readonly app: string;
  readonly variant: string;
  readonly node: 'lambda' | 'host';
  readonly sourceMaps: boolean;
  readonly bundle: BuiltBundle;
  readonly samples: InitSample[];
}

/** Summary of one measured configuration. */
interface Figures {
  readonly app: string;
  readonly variant: string;
  readonly node: string;
  readonly sourceMaps: boolean;
  readonly bytes: number;
  readonly mapBytes: number;
  readonly readyMs: Distribution;
  readonly mainThreadCpuMs: Distribution;
  readonly runQueueWaitMs: Distribution;
  readonly bootMs: Distribution;
}

// The environment the function gets: Lambda's reserved variables, the function's variables from
// the one builder infra and the local stack use, endpoints that refuse connections (init sends
// nothing) and NODE_OPTIONS as infra deploys it.
function environment(app: string, bundleDir: string, sourceMaps: boolean): Record<string, string> {
  const config = loadStackConfig(STACK, ROOT);
  const role = (Object.keys(FUNCTION_APPS) as FunctionRole[]).find((r) => FUNCTION_APPS[r] === app);
  const name = (resource: string) => `streamlens-${STACK}-${resource}`;
  return {
    PATH: process.env['PATH'] ?? '',
    AWS_LAMBDA_FUNCTION_NAME: name(role ?? app),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'coldstart',
    AWS_SECRET_ACCESS_KEY: 'coldstart',
    LAMBDA_TASK_ROOT: bundleDir,
    TZ: ':UTC',
    // The references and the floor are no function: Lambda's variables only.
    ...(role
      ? functionEnvironment(config, role, {
          postsTable: name('posts'),
          trendsTable: name('trends'),
          quarantineTable: name('quarantine'),
          alertsTable: name('alerts'),
          streamName: name('posts'),
          eventBusName: name('alerts'),
        })
      : {}),
    AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
    AWS_ENDPOINT_URL_KINESIS: 'http://127.0.0.1:9',
    // The Lambda runtime puts its SDK copy on NODE_PATH; node_modules stands in for it here.
    NODE_PATH: join(ROOT, 'node_modules'),
    ...(sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
  };
}

function summarise(m: Measured): Figures {
  const of = (k: keyof InitSample) => distribution(m.samples.map((s) => s[k]));
  return {
    app: m.app,
    variant: m.variant,
    node: m.node,
    sourceMaps: m.sourceMaps,
    bytes: m.bundle.bytes,
    mapBytes: m.bundle.mapBytes,
    readyMs: of('readyMs'),
    mainThreadCpuMs: of('mainThreadCpuMs'),
    runQueueWaitMs: of('runQueueWaitMs'),
    bootMs: of('bootMs'),
  };
}

function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}

// The shipped variant must be byte for byte what `nx build` wrote, or the benchmark measures
// something else than what deploys.
function checkAgainstDist(bundle: BuiltBundle): string | undefined {
  const dist = join(ROOT, 'dist', 'apps', bundle.app, 'main.cjs');
  if (!existsSync(dist)) return `${bundle.app}: no dist bundle to compare with (run npm run build)`;
  const size = statSync(dist).size;
  return size === bundle.bytes
    ? undefined
    : `${bundle.app}: the benchmark's shipped build is ${bundle.bytes} B but dist has ${size} B (stale dist, or the option mapping drifted from @nx/esbuild)`;
}

async function buildAll(apps: readonly string[], dir: string): Promise<BuiltBundle[]> {
  const built: BuiltBundle[] = [];
  for (const app of apps)
    for (const variant of BUNDLE_VARIANTS) built.push(await buildVariant(ROOT, dir, app, variant));
  for (const name of Object.keys(CLIENT_REFERENCES) as (keyof typeof CLIENT_REFERENCES)[])
    built.push(await buildClientReference(ROOT, dir, name));
  // The floor: Node itself starting and loading a file that only exports a handler.
  const floorDir = join(dir, 'node-floor', 'empty');
  mkdirSync(floorDir, { recursive: true });
  writeFileSync(join(floorDir, 'main.cjs'), 'exports.handler = async () => ({});\n');
  built.push({ app: 'node-floor', variant: 'empty', path: join(floorDir, 'main.cjs'), bytes: 38, mapBytes: 0 });
  return built;
}

function plan(built: readonly BuiltBundle[], hostNodeDiffers: boolean): Measured[] {
  const m: Measured[] = [];
  const add = (bundle: BuiltBundle, node: 'lambda' | 'host', sourceMaps: boolean) =>
    m.push({
      key: `${bundle.app}/${bundle.variant}/${node}${sourceMaps ? '' : '/no-source-maps'}`,
      app: bundle.app,
      variant: bundle.variant,
      node,
      sourceMaps,
      bundle,
      samples: [],
    });
  for (const b of built) {
    if (b.app === 'node-floor' || b.app === 'client') {
      add(b, 'lambda', false);
      continue;
    }
    add(b, 'lambda', true);
    if (b.variant === 'shipped') {
      add(b, 'lambda', false);
      if (hostNodeDiffers) add(b, 'host', true);
    }
  }
  return m;
}

function printTable(figures: readonly Figures[]): void {
  console.log(
    '\napp         variant        node    maps  bundle KB  map KB   ready p50  p90     main-thread CPU p50  run-queue wait p50',
  );
  for (const f of figures) {
    console.log(
      [
        f.app.padEnd(11),
        f.variant.padEnd(14),
        f.node.padEnd(7),
        (f.sourceMaps ? 'on' : 'off').padEnd(5),
        String(Math.round(f.bytes / 1024)).padStart(9),
        String(Math.round(f.mapBytes / 1024)).padStart(7),
        `${f.readyMs.median.toFixed(1)} ms`.padStart(11),
        `${f.readyMs.p90.toFixed(1)}`.padStart(7),
        `${f.mainThreadCpuMs.median.toFixed(1)} ms`.padStart(20),
        `${f.runQueueWaitMs.median.toFixed(1)} ms`.padStart(19),
      ].join(' '),
    );
  }
}

async function main(argv: string[]): Promise<number> {
  const options = parseColdstartArgs(argv);
  if (options.help) {
    console.log(COLDSTART_USAGE);
    return 0;
  }
  const apps = options.apps.filter((a) => existsSync(join(ROOT, 'apps', a, 'project.json')));
  for (const a of options.apps) if (!apps.includes(a)) console.log(`(skipping ${a}: no apps/${a}/project.json yet)`);
  const lambdaNode = lambdaNodeFor('nodejs22.x');
  const hostNodeDiffers = options.hostNode && lambdaNode.path !== process.execPath;
  console.log(`functions run on ${lambdaNode.description}; host Node ${process.versions.node}`);
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-coldstart-'));
  const loadStart = loadavg()[0] as number;
  try {
    const built = await buildAll(apps, dir);
    for (const b of built.filter((x) => x.variant === 'shipped')) {
      const drift = checkAgainstDist(b);
      if (drift) console.warn(`warning: ${drift}`);
    }
    const measured = plan(built, hostNodeDiffers);
    for (let run = 0; run < options.runs; run++) {
      for (const m of measured) {
        const env = environment(m.app, join(m.bundle.path, '..'), m.sourceMaps);
        const nodePath = m.node === 'lambda' ? lambdaNode.path : process.execPath;
        m.samples.push(await probeInit({ nodePath, bundlePath: m.bundle.path, env }));
      }
      process.stdout.write(`\rrun ${run + 1}/${options.runs}`);
    }
    const figures = measured.map(summarise);
    printTable(figures);
    const get = (app: string, variant: string, node = 'lambda', maps = true) =>
      figures.find((f) => f.app === app && f.variant === variant && f.node === node && f.sourceMaps === maps);
    const floor = get('node-floor', 'empty', 'lambda', false) as Figures;
    const perApp = Object.fromEntries(
      apps.map((app) => {
        const shipped = get(app, 'shipped') as Figures;
        const external = get(app, 'sdk-external') as Figures;
        const plain = get(app, 'plain') as Figures;
        const noMaps = get(app, 'shipped', 'lambda', false) as Figures;
        return [
          app,
          {
            bundleBytes: shipped.bytes,
            mapBytes: shipped.mapBytes,
            readyMedianMs: shipped.readyMs.median,
            mainThreadCpuMedianMs: shipped.mainThreadCpuMs.median,
            aboveNodeFloorCpuMs: Math.round((shipped.mainThreadCpuMs.median - floor.mainThreadCpuMs.median) * 10) / 10,
            targetMetWall: shipped.readyMs.median <= TARGET_MS,
            targetMetCpu: shipped.mainThreadCpuMs.median <= TARGET_MS,
            sdkExternalOverShipped: {
              ready: ratio(external.readyMs.median, shipped.readyMs.median),
              cpu: ratio(external.mainThreadCpuMs.median, shipped.mainThreadCpuMs.median),
            },
            plainOverShipped: {
              ready: ratio(plain.readyMs.median, shipped.readyMs.median),
              cpu: ratio(plain.mainThreadCpuMs.median, shipped.mainThreadCpuMs.median),
              bytes: ratio(plain.bytes, shipped.bytes),
            },
            sourceMapsCostCpuMs: Math.round((shipped.mainThreadCpuMs.median - noMaps.mainThreadCpuMs.median) * 10) / 10,
          },
        ];
      }),
    );
    console.log(
      `\nnode floor (empty handler): ready ${floor.readyMs.median} ms, CPU ${floor.mainThreadCpuMs.median} ms`,
    );
    for (const [app, f] of Object.entries(perApp))
      console.log(
        `${app}: ready ${f.readyMedianMs} ms, main-thread CPU ${f.mainThreadCpuMedianMs} ms (target ${TARGET_MS}: ` +
          `${f.targetMetCpu ? 'met' : 'MISSED'} on CPU, ${f.targetMetWall ? 'met' : 'missed'} on wall); ` +
          `SDK external / shipped CPU ×${f.sdkExternalOverShipped.cpu}; plain / shipped CPU ×${f.plainOverShipped.cpu}, ` +
          `bytes ×${f.plainOverShipped.bytes}; source maps +${f.sourceMapsCostCpuMs} ms CPU`,
      );
    // What building the AWS client alone costs above the floor (source maps off), per client.
    const clients = Object.fromEntries(
      Object.keys(CLIENT_REFERENCES).map((name) => {
        const f = get('client', name, 'lambda', false) as Figures;
        const above = Math.round((f.mainThreadCpuMs.median - floor.mainThreadCpuMs.median) * 10) / 10;
        console.log(`reference ${name}: ${Math.round(f.bytes / 1024)} KB, CPU ${above} ms above the floor`);
        return [name, { bytes: f.bytes, mainThreadCpuMedianMs: f.mainThreadCpuMs.median, aboveNodeFloorCpuMs: above }];
      }),
    );
    const result = {
      benchmark: 'coldstart',
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        loadAverage1mStart: loadStart,
        loadAverage1mEnd: loadavg()[0],
        lambdaNode: lambdaNode.version,
        hostNode: process.versions.node,
      },
      runs: options.runs,
      targetMs: TARGET_MS,
      variants: Object.fromEntries(BUNDLE_VARIANTS.map((v) => [v.name, v.description])),
      nodeFloor: floor,
      apps: perApp,
      clients,
      figures,
    };
    mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench-results', 'coldstart.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log('wrote bench-results/coldstart.json');
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
