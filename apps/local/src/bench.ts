// `npm run bench -- <name> [flags]`: runs one benchmark program in a fresh Node process
// (benchmarks must not share a heap or JIT state with each other) and forwards its flags.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Benchmark name → program, relative to the repository root. */
export const BENCHMARKS: Readonly<Record<string, string>> = {
  validation: 'libs/schemas/bench/validation.bench.ts',
  fold: 'libs/analytics/bench/fold.bench.ts',
  aggregator: 'apps/aggregator/bench/aggregator.bench.ts',
  repositories: 'libs/repositories/bench/posts-writer.bench.ts',
  producer: 'libs/kinesis/bench/producer.bench.ts',
  consumer: 'apps/consumer/bench/consumer.bench.ts',
  e2e: 'apps/local/bench/e2e.bench.ts',
  streams: 'libs/emulators/bench/streams.bench.ts',
  coldstart: 'apps/local/bench/coldstart.bench.ts',
  cost: 'apps/consumer/bench/cost.bench.ts',
};

function main(argv: string[]): number {
  const [name, ...rest] = argv;
  const root = resolve(__dirname, '../../..');
  if (!name || name === '--help' || !(name in BENCHMARKS)) {
    const available = Object.keys(BENCHMARKS).filter((n) => existsSync(join(root, BENCHMARKS[n] as string)));
    console.error(`usage: npm run bench -- <name> [flags]\n  benchmarks: ${available.join(', ')}`);
    if (name && name !== '--help') console.error(`unknown benchmark "${name}"`);
    return name === '--help' ? 0 : 2;
  }
  const program = join(root, BENCHMARKS[name] as string);
  if (!existsSync(program)) {
    console.error(`benchmark "${name}" is not built yet (${BENCHMARKS[name]} is missing)`);
    return 2;
  }
  const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
  const run = spawnSync(process.execPath, [tsx, '--tsconfig', join(root, 'tsconfig.base.json'), program, ...rest], {
    cwd: root,
    stdio: 'inherit',
  });
  return run.status ?? 1;
}

process.exitCode = main(process.argv.slice(2));
