// End to end: the built local stack is killed with SIGKILL while it consumes, restarted on the
// same data dir, and every post the producer got a sequence number for is stored exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { makeDynamoClient, makeKinesisClient, startDynalite } from '@streamlens/emulators';
import { KinesisProducer } from '@streamlens/kinesis';
import { encodePost } from '@streamlens/schemas';
import { localTableName } from '@streamlens/tables';
import { makeSocialPost } from '@streamlens/testing';
import { freePort, startStackProcess as startStack } from '../helpers/stack-process';

const POSTS = 3000;

describe('local stack crash and restart', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'streamlens-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes from persisted checkpoints after SIGKILL and stores every acknowledged post exactly once', async () => {
    // prepare: a stack without its own load, on known ports and a data dir
    const [kinesisPort, dynamoPort] = [await freePort(), await freePort()];
    const args = ['--no-load', '--data-dir', dir, '--ports', `kinesis=${kinesisPort},dynamodb=${dynamoPort},report=0`];
    const first = startStack(args);
    await first.ready;
    const kinesis = makeKinesisClient(`http://127.0.0.1:${kinesisPort}`);
    // Unaggregated, so the consumer needs several batches and the kill lands mid-consumption.
    const producer = new KinesisProducer({ client: kinesis, streamName: 'streamlens-dev-posts', aggregation: false });
    const acked = new Set<string>();
    const puts: Promise<void>[] = [];
    for (let i = 0; i < POSTS; i++) {
      const post = makeSocialPost({ postId: `crash-${i}` }, i + 1);
      const pending = await producer.enqueue({ partitionKey: post.postId, data: encodePost(post) });
      puts.push(pending.result.then(() => void acked.add(post.postId)));
    }
    await Promise.all(puts);
    await producer.close();
    kinesis.destroy();

    // act: kill mid-consumption, then restart on the same data dir and let it drain
    await new Promise((r) => setTimeout(r, 500));
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const second = startStack([...args, '--duration', '12']);
    const code = await second.exited;

    // assess: every acknowledged post id is stored, once (keys are unique), nothing else
    expect({ code, out: code === 0 ? '' : second.output() }).toEqual({ code: 0, out: '' });
    const dynamo = await startDynalite({ dataDir: join(dir, 'dynamodb') });
    const client = makeDynamoClient(dynamo.endpoint);
    try {
      const stored: string[] = [];
      let start: Record<string, never> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: localTableName('dev', 'posts'),
            FilterExpression: 'begins_with(pk, :p)',
            ExpressionAttributeValues: { ':p': { S: 'POST#' } },
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of page.Items ?? []) stored.push(String(item['postId']?.S));
        start = page.LastEvaluatedKey as Record<string, never> | undefined;
      } while (start);
      expect(acked.size).toBe(POSTS);
      expect(stored.length).toBe(new Set(stored).size);
      expect(new Set(stored)).toEqual(acked);
    } finally {
      client.destroy();
      await dynamo.close();
    }
  }, 180_000);
});
