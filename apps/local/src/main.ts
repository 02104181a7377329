// `npm start`: the whole pipeline on embedded emulators. Parses flags, starts the stack, shows a
// live status, and on Ctrl-C (or after --duration) drains and prints a summary.
import { resolve } from 'node:path';
import { parseFlags, USAGE } from './cli/flags';
import { UsageError } from './cli/errors';
import { createJsonLogger } from '@streamlens/event-source-mapping';
import { startLocalStack, type StackSnapshot } from './pipeline/local-stack';
import { renderStatus, renderSummary } from './pipeline/status';

const STATUS_INTERVAL_MS = 1000;
const PLAIN_EVERY = 5;

async function main(argv: string[]): Promise<number> {
  let flags;
  try {
    flags = parseFlags(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`error: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (flags.help) {
    console.log(USAGE);
    return 0;
  }
  // The bundle lives in dist/apps/local/; the repository root is three levels up.
  const repoRoot = process.env['STREAMLENS_REPO_ROOT'] ?? resolve(__dirname, '../../..');
  const logger = createJsonLogger('local', 'warn');
  const started = Date.now();
  const stack = await startLocalStack(flags, { repoRoot }, logger);
  const tty = Boolean(process.stdout.isTTY);
  console.log(
    [
      `StreamLens local stack "${flags.stack}" is running`,
      `  stream     ${stack.streamName} (${stack.shardCount} shards) on kinesalite ${stack.endpoints.kinesis}`,
      `  tables     on dynalite ${stack.endpoints.dynamodb}`,
      `  mappings   ${stack.functions.join(', ')} (settings from Pulumi.${flags.stack}.yaml)`,
      `  functions  ${stack.functionNode.description}`,
      `  load       ${flags.load ? `${flags.rate} posts/s, poison ${(flags.poisonRate * 100).toFixed(1)} %` : 'off (--no-load)'}`,
      `  report     ${stack.reportUrl}`,
      `  data       ${flags.dataDir ? resolve(flags.dataDir) : 'in memory (use --data-dir to keep it)'}`,
      flags.durationSec
        ? `  runs ${flags.durationSec} s, then drains and exits`
        : '  Ctrl-C drains in-flight batches and exits',
    ].join('\n'),
  );

  let previous: StackSnapshot | undefined;
  let ticks = 0;
  let drawn = 0;
  const status = setInterval(() => {
    void (async () => {
      const snap = await stack.snapshot();
      // From the consumer's own metric, not a Scan: paging through a quarantine table of large
      // poison records every tick kept dynalite busy (docs/ARCHITECTURE.md "Emulator processes").
      const quarantined = stack.metricTotal('consumer', 'Quarantined');
      const lines = renderStatus(snap, previous, STATUS_INTERVAL_MS / 1000, {
        quarantined,
        elapsedSec: (Date.now() - started) / 1000,
      });
      previous = snap;
      ticks++;
      if (tty) {
        process.stdout.write(`${drawn ? `\x1b[${drawn}A` : ''}${lines.map((l) => `\x1b[2K${l}`).join('\n')}\n`);
        drawn = lines.length;
      } else if (ticks % PLAIN_EVERY === 0) {
        console.log(lines.join(' | '));
      }
    })().catch(() => undefined);
  }, STATUS_INTERVAL_MS);

  await new Promise<void>((done) => {
    const finish = () => done();
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
    if (flags.durationSec) setTimeout(finish, flags.durationSec * 1000).unref();
  });
  clearInterval(status);
  console.log('\ndraining: stopping the load, finishing in-flight batches…');
  await stack.stopLoad();
  const caughtUp = await stack.waitUntilCaughtUp(flags.drainTimeoutSec * 1000);
  const snap = await stack.snapshot();
  const shards = snap.mappings.flatMap((m) => m.shards);
  const summary = {
    put: snap.load?.put ?? 0,
    validPut: snap.load?.validPut ?? 0,
    poisonPut: snap.load?.poisonPut ?? 0,
    producerFailed: snap.load?.failed ?? 0,
    stored: await stack.countItems('posts', 'POST#'),
    quarantined: await stack.countItems('quarantine'),
    trendRows: await stack.countItems('trends'),
    failedInvocations: shards.reduce((s, x) => s + x.failedInvocations, 0),
    failureRecords: snap.failureRecords,
    maxIteratorAgeMs: Math.max(0, ...shards.map((x) => x.iteratorAgeMs ?? 0)),
    injectedFunctionErrors: Object.values(stack.injectedFunctionErrors()).reduce((a, b) => a + b, 0),
  };
  await stack.stop();
  console.log(renderSummary(summary));
  if (!caughtUp)
    console.log(
      `warning: the mappings had not caught up with the stream within ${flags.drainTimeoutSec} s of draining (--drain-timeout)`,
    );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
