// Load CLI entry point: `node dist/apps/producer/load.cjs --stream NAME --rate 5000 ...`.
// Puts the synthetic social stream through the producer core and prints a summary.
import { setTimeout as sleep } from 'node:timers/promises';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { KinesisProducer, SyntheticSocialStream } from '@streamlens/kinesis';
import { FlagError } from './errors';
import { LOAD_USAGE, parseLoadFlags } from './load/flags';
import { runLoad } from './load/run-load';

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
  console.error(err instanceof FlagError ? `load: ${err.message}\n\n${LOAD_USAGE}` : err);
  process.exitCode = 1;
});
