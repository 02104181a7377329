// `npm start`: the whole pipeline on embedded emulators. Parses flags, starts the stack, shows a
// live status, and on Ctrl-C (or after --duration) drains and prints a summary.
import { resolve } from 'node:path';
import { parseFlags, USAGE } from './cli/flags';
import { UsageError } from './cli/errors';
import { createJsonLogger } from '@streamlens/event-source-mapping';
import { startLocalStack, type LocalStack } from './pipeline/local-stack';
import type { LocalStackFlags } from './cli/flags';
import { count, renderSummary, type RunSummary } from './pipeline/status';
import { startStatusDisplay } from './cli/status-display';
import { exitCodeOf, ShutdownSignals, type StopSignal } from './cli/shutdown-signals';
import { availableStacks } from './cli/stacks';
import { exitWhenFlushed } from './cli/exit';
import { ConfigFileNotFoundError } from '@streamlens/config';

// After a hang-up the terminal is gone and writes fail (EIO, EPIPE); the drain must go on.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

// The AWS SDK warns on every start that its releases after January 2027 will need Node 22. The
// SDK here is pinned (package-lock), Node 20.19 and 22 are both supported (README), and the
// warning would be the first thing a newcomer reads: it is turned off for this process only.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

async function main(argv: string[]): Promise<number> {
  // Listening from the start: a Ctrl-C during start-up then stops the stack once it is up,
  // instead of killing this process half-way.
  const signals = new ShutdownSignals(process);
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
  let stack: LocalStack;
  try {
    stack = await startLocalStack(flags, { repoRoot }, logger);
  } catch (err) {
    if (!(err instanceof ConfigFileNotFoundError)) throw err;
    const stacks = availableStacks(repoRoot);
    console.error(
      `error: --stack ${JSON.stringify(flags.stack)}: there is no Pulumi.${flags.stack}.yaml in ${repoRoot}; ` +
        (stacks.length ? `the stacks here are ${stacks.join(', ')}` : 'no Pulumi.<stack>.yaml exists there'),
    );
    return 2;
  }
  console.log(
    [
      `StreamLens local stack "${flags.stack}" is running`,
      `  stream     ${stack.streamName} (${stack.shardCount} shards) on kinesalite ${stack.endpoints.kinesis}`,
      `  tables     on ${stack.dynamodbEmulator} ${stack.endpoints.dynamodb} (DynamoDB Streams on the same endpoint)`,
      ...Object.entries(stack.tableStreamArns).map(([table, arn]) => `  stream     ${table} table: ${arn}`),
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

  const display = startStatusDisplay(stack, process.stdout, started);

  const duration = flags.durationSec;
  await Promise.race([
    signals.first,
    ...(duration ? [new Promise<void>((done) => setTimeout(done, duration * 1000).unref())] : []),
  ]);
  display.stop();
  // On a terminal the Ctrl-C echo (^C) is still on the status block's last line.
  console.log(
    `${process.stdout.isTTY ? '\n' : ''}draining: stopping the load, finishing in-flight batches… (Ctrl-C again to stop at once; nothing acknowledged is lost)`,
  );
  const stopNow = signals.second.then(async (signal: StopSignal) => {
    const acknowledged = (await stack.snapshot()).load?.put ?? 0;
    await stack.stop({ drain: false });
    console.log(
      `stopped at once: ${count(acknowledged)} posts acknowledged by the stream this run; ` +
        (flags.dataDir
          ? `in-flight batches are read again from the checkpoints by the next start with --data-dir ${flags.dataDir}`
          : 'the stack ran in memory, so nothing is kept (use --data-dir to keep it)'),
    );
    return exitCodeOf(signal);
  });
  return Promise.race([stopNow, drainAndSummarise(stack, flags, started)]);
}

async function drainAndSummarise(stack: LocalStack, flags: LocalStackFlags, started: number): Promise<number> {
  await stack.stopLoad();
  const caughtUp = await stack.waitUntilCaughtUp(flags.drainTimeoutSec * 1000);
  console.log('counting: reading the stream back to account for every post…');
  let summary: RunSummary;
  try {
    const snap = await stack.snapshot();
    const shards = snap.mappings.flatMap((m) => m.shards);
    summary = {
      elapsedSec: (Date.now() - started) / 1000,
      dataDir: flags.dataDir ? resolve(flags.dataDir) : undefined,
      load: snap.load,
      consumed: snap.consumed,
      failedInvocations: shards.reduce((s, x) => s + x.failedInvocations, 0),
      ledger: await stack.ledger(),
      tables: {
        posts: await stack.countItems('posts', 'POST#'),
        quarantined: await stack.countItems('quarantine'),
        trendRows: await stack.countItems('trends'),
      },
      failureRecords: snap.failureRecords,
      maxIteratorAgeMs: Math.max(0, ...shards.map((x) => x.iteratorAgeMs ?? 0)),
      injectedFunctionErrors: Object.values(stack.injectedFunctionErrors()).reduce((a, b) => a + b, 0),
    };
  } finally {
    // Stopped whatever the counting did: checkpoints are saved and the children closed.
    await stack.stop();
  }
  console.log(renderSummary(summary));
  if (!caughtUp)
    console.log(
      `warning: the mappings had not caught up with the stream within ${flags.drainTimeoutSec} s of draining (--drain-timeout)`,
    );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  (err: unknown) => {
    // A config mistake (ConfigValidationError) is a clean list naming each key, capped with a count.
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    exitWhenFlushed(1);
  },
);
