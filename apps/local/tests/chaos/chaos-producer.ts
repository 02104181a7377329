// The chaos run's producer, in a process of its own (started with tsx by producer-process.ts):
// inside jest's sandbox the producer could offer only ~950 records/s, under the 2,000/s the run
// must hold. Generates the synthetic stream with 1 % poison spread over every kind, puts it with
// the KPL-style producer at a fixed rate while client middleware fails a share of PutRecords
// entries, and reports every acknowledged record to the parent in batches. Some records are the
// alert mix's scripted posts instead (alert-mix.ts), so the alerts path has alerts to publish.
import { makeKinesisClient } from '@streamlens/emulators';
import { KinesisProducer, SYNTHETIC_POISON_KINDS, SyntheticSocialStream } from '@streamlens/kinesis';
import { encodePost } from '@streamlens/schemas';
import { injectFaults } from '@streamlens/testing';
import { scriptedPost } from './alert-mix';
import { recordKey, versionTime } from './chaos-ledger';
import type { AcksMessage, ChaosProducerOptions, DoneMessage } from './producer-protocol';

async function main(options: ChaosProducerOptions): Promise<void> {
  const send = (m: AcksMessage | DoneMessage) =>
    new Promise<void>((resolve, reject) =>
      (process.send as NonNullable<typeof process.send>)(m, (err: Error | null) => (err ? reject(err) : resolve())),
    );
  // The parent (the chaos run) went away: stop putting load on kinesalite.
  process.on('disconnect', () => process.exit(1));
  const client = makeKinesisClient(options.kinesisEndpoint);
  // Entries fail in half of the calls, at twice the share each, so the share over all entries holds.
  const faults = injectFaults(client, {
    seed: options.seed,
    rules: [{ kind: 'failedRecords', probability: 0.5, fraction: options.putRecordsFailedShare * 2 }],
  });
  const producer = new KinesisProducer({
    client,
    streamName: options.streamName,
    aggregation: options.aggregation,
    recordTtlMs: 300_000,
  });
  const poisonEach = options.poisonRate / SYNTHETIC_POISON_KINDS.length;
  const source = new SyntheticSocialStream({
    seed: options.seed,
    poisonRates: Object.fromEntries(SYNTHETIC_POISON_KINDS.map((k) => [k, poisonEach])),
    // Past the consumer's limit but small enough that 1 % poison stays within the shards' MB/s.
    tooLargeBytes: 300_000,
  });
  let posts: Array<readonly [string, number]> = [];
  let poison: Array<readonly [string, string]> = [];
  const gaveUp: string[] = [];
  const settled: Promise<void>[] = [];
  let offered = 0;
  // Not awaited in the loop: the callback waits until the parent read the pipe, and the parent
  // also runs the fault proxy; a busy parent must not pace the producer. Node keeps the messages
  // in order; 'done' is awaited at the end.
  const flushAcks = () => {
    const m: AcksMessage = { type: 'acks', offered, posts, poison };
    posts = [];
    poison = [];
    return send(m);
  };
  const t0 = Date.now();
  while (offered < options.records) {
    const due = Math.min(options.records, Math.floor(((Date.now() - t0) / 1000) * options.ratePerSecond) + 1);
    for (; offered < due; offered++) {
      const now = Date.now();
      const scripted = scriptedPost({
        index: offered,
        progress: offered / options.records,
        atMs: now,
        seed: options.seed,
      });
      const r = scripted
        ? { partitionKey: scripted.postId, data: encodePost(scripted), post: scripted }
        : source.next(now);
      const pending = await producer.enqueue({ partitionKey: r.partitionKey, data: r.data });
      settled.push(
        pending.result.then(
          (at) => {
            if (r.post) posts.push([r.post.postId, versionTime(r.post)]);
            else poison.push([recordKey(at.shardId, at.sequenceNumber, at.subSequenceNumber), r.poison as string]);
          },
          () => void gaveUp.push(r.post?.postId ?? r.partitionKey),
        ),
      );
    }
    flushAcks().catch((err: unknown) => {
      process.stderr.write(`chaos producer: acknowledgements lost: ${String(err)}\n`);
      process.exit(1);
    });
    await new Promise((r) => setTimeout(r, 10));
  }
  const offerMs = Date.now() - t0;
  await producer.flush();
  await Promise.all(settled);
  await producer.close();
  await flushAcks();
  const metrics = producer.metrics() as unknown as Record<string, unknown>;
  await send({
    type: 'done',
    offered,
    offerMs,
    settledMs: Date.now() - t0,
    gaveUp,
    putRecordsFailedEntries: faults.counts().failedRecordEntries,
    metrics,
  });
  client.destroy();
}

main(JSON.parse(process.argv[2] as string) as ChaosProducerOptions).then(
  () => {
    process.removeAllListeners('disconnect'); // our own disconnect is not the parent going away
    process.disconnect?.();
  },
  (err: unknown) => {
    process.stderr.write(`chaos producer failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
