// `redrive` CLI: replays the batches a local-stack function gave up on (its on-failure records)
// against the running stack, and prints what was replayed, expired or still failing.
import { resolve } from 'node:path';
import { RedriveUsageError } from './errors';
import { parseRedriveFlags, REDRIVE_USAGE } from './flags';
import type { RedriveReport } from './redrive-batch';
import { runRedrive } from './run-redrive';

function describe(r: RedriveReport): string {
  const where = `${r.requestId} ${r.shardId} ${r.range.start}..${r.range.end}`;
  if (r.expired) return `expired   ${where}: ${r.reason ?? 'gone from the stream'}`;
  return `${r.failed > 0 ? 'failed  ' : 'replayed '} ${where}: ${r.replayed} replayed, ${r.failed} failed`;
}

async function main(argv: string[]): Promise<number> {
  let flags;
  try {
    flags = parseRedriveFlags(argv);
  } catch (err) {
    if (err instanceof RedriveUsageError) {
      console.error(`error: ${err.message}\n\n${REDRIVE_USAGE}`);
      return 2;
    }
    throw err;
  }
  if (flags.help) {
    console.log(REDRIVE_USAGE);
    return 0;
  }
  // Run from the workspace root (the nx target's cwd) unless told otherwise.
  const repoRoot = resolve(process.env['STREAMLENS_REPO_ROOT'] ?? process.cwd());
  const result = await runRedrive({ ...flags, repoRoot });
  for (const id of result.alreadyRedriven)
    console.log(`skipped   ${id}: already redriven (use --again to replay it again)`);
  for (const r of result.reports) console.log(describe(r));
  const failed = result.reports.filter((r) => r.failed > 0).length;
  console.log(`${result.reports.length} redriven, ${result.alreadyRedriven.length} skipped, ${failed} with failures`);
  return failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`redrive failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
