// Load CLI entry point: `node dist/apps/producer/load.cjs --stream NAME --rate 5000 ...`.
// Puts the synthetic social stream through the producer core and prints a summary.
import { setTimeout as sleep } from 'node:timers/promises';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { KinesisProducer, SyntheticSocialStream } from '@streamlens/kinesis';
import { FlagError, LoadTargetError } from './errors';
import { checkStream } from './load/check-stream';
import { LOAD_USAGE, parseLoadFlags } from './load/flags';
import { runLoad } from './load/run-load';

// The SDK's warning that its releases after January 2027 need Node 22 is not this run's business:
// the SDK is pinned and Node 20.19 and 22 are both supported (README).
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

async function main(): Promise<void> {
  const options = parseLoadFlags(process.argv.slice(2));
  if (options.help) {
    console.log(LOAD_USAGE);
    return;
  }
  const client = new KinesisClient({
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          credentials: {
            accessKeyId: process.env['AWS_ACCESS_KEY_ID'] ?? 'local',
            secretAccessKey: process.env['AWS_SECRET_ACCESS_KEY'] ?? 'local',
          },
        }
      : {}),
    ...(options.region ? { region: options.region } : {}),
    requestHandler: new NodeHttpHandler({ httpAgent: { keepAlive: true, maxSockets: 32 } }),
  });
  await checkStream(client, options.stream, options.endpoint);
  const producer = new KinesisProducer({ client, streamName: options.stream, aggregation: options.aggregation });
  console.log(
    `load: ${options.rate} records/s for ${options.durationSec} s to stream ${options.stream}${options.endpoint ? ` at ${options.endpoint}` : ''}, seed ${options.seed}`,
  );
  const summary = await runLoad({
    producer,
    source: new SyntheticSocialStream({ seed: options.seed, poisonRates: options.poisonRates }),
    rate: options.rate,
    durationSec: options.durationSec,
    spikes: options.spikes,
    now: Date.now,
    sleep: (ms) => sleep(ms),
    log: (line) => console.log(line),
  });
  await producer.close();
  client.destroy();
  console.log(JSON.stringify({ summary: { ...summary, metrics: undefined }, producer: summary.metrics }, null, 2));
  if (summary.failed > 0) process.exitCode = 2;
}

main().catch((err: unknown) => {
  if (err instanceof FlagError) console.error(`load: ${err.message}\n\n${LOAD_USAGE}`);
  else if (err instanceof LoadTargetError) console.error(`load: ${err.message}`);
  else console.error(err);
  process.exitCode = 1;
});
