// Producer benchmark. Run: npx tsx libs/kinesis/bench/producer.bench.ts [--quick]
// tsx resolves the @streamlens/* aliases only with a tsconfig that declares them, so this
// launcher re-runs itself with TSX_TSCONFIG_PATH pointing at the lib's tsconfig; the
// benchmark itself is producer-bench-main.ts.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

if (process.env['TSX_TSCONFIG_PATH']) {
  (require('./producer-bench-main') as { main(): Promise<void> }).main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
} else {
  const env = { ...process.env, TSX_TSCONFIG_PATH: join(__dirname, '..', 'tsconfig.json') };
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env,
  });
  process.exitCode = child.status ?? 1;
}
