// DynamoDB Streams in the dynalite child process (the local stack's and the chaos suite's
// dynalite): served on the emulator's endpoint to the SDK's Streams client, surviving a SIGKILL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { TABLE_SPECS } from '@streamlens/tables';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  ensureTable,
  makeDynamoClient,
  spawnEmulator,
  type EmulatorProcess,
} from '../src';

function streamsClient(endpoint: string): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    requestHandler: new NodeHttpHandler(),
  });
}

async function readAll(emulator: EmulatorProcess, streamArn: string): Promise<string[]> {
  const client = streamsClient(emulator.endpoint);
  try {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const keys: string[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      const page = await client.send(new GetRecordsCommand({ ShardIterator }));
      keys.push(...(page.Records ?? []).map((r) => `${r.eventName} ${r.dynamodb?.Keys?.['pk']?.S}`));
    }
    return keys;
  } finally {
    client.destroy();
  }
}

describe('spawnEmulator dynalite with streams', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'streamlens-ddbstreams-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the stream of a stream-enabled table and keeps it across a SIGKILL and restart', async () => {
    // prepare
    const first = await spawnEmulator('dynalite', { dataDir: join(dir, 'dynamo') });
    const dynamo = makeDynamoClient(first.endpoint);
    const streamArn = (await ensureTable(dynamo, 'trends', TABLE_SPECS.trends)).LatestStreamArn as string;
    await dynamo.send(new PutItemCommand({ TableName: 'trends', Item: { pk: { S: 'w1' }, sk: { S: 'w' } } }));
    dynamo.destroy();
    const before = await readAll(first, streamArn);

    // act
    await first.kill();
    const second = await spawnEmulator('dynalite', { dataDir: join(dir, 'dynamo'), port: first.port });
    const again = makeDynamoClient(second.endpoint);
    try {
      await again.send(
        new PutItemCommand({ TableName: 'trends', Item: { pk: { S: 'w1' }, sk: { S: 'w' }, n: { N: '1' } } }),
      );
      const described = await again.send(new DescribeTableCommand({ TableName: 'trends' }));
      const after = await readAll(second, streamArn);

      // assess
      expect(before).toEqual(['INSERT w1']);
      expect(after).toEqual(['INSERT w1', 'MODIFY w1']);
      expect(described.Table?.LatestStreamArn).toBe(streamArn);
    } finally {
      again.destroy();
      await second.close();
    }
  }, 30_000);

  it('answers an SDK Streams client configured only by AWS_ENDPOINT_URL_DYNAMODB_STREAMS', async () => {
    // prepare: what a person's script or another tool would do, no endpoint in code
    const emulator = await spawnEmulator('dynalite');
    const saved = process.env['AWS_ENDPOINT_URL_DYNAMODB_STREAMS'];
    process.env['AWS_ENDPOINT_URL_DYNAMODB_STREAMS'] = emulator.endpoint;
    const dynamo = makeDynamoClient(emulator.endpoint);
    const client = new DynamoDBStreamsClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    try {
      const streamArn = (await ensureTable(dynamo, 'trends', TABLE_SPECS.trends)).LatestStreamArn;

      // act
      const { Streams } = await client.send(new ListStreamsCommand({ TableName: 'trends' }));

      // assess
      expect(Streams?.map((s) => s.StreamArn)).toEqual([streamArn]);
    } finally {
      if (saved === undefined) delete process.env['AWS_ENDPOINT_URL_DYNAMODB_STREAMS'];
      else process.env['AWS_ENDPOINT_URL_DYNAMODB_STREAMS'] = saved;
      client.destroy();
      dynamo.destroy();
      await emulator.close();
    }
  }, 30_000);

  it('runs dynalite as shipped with streams: false (a StreamSpecification is dropped as before)', async () => {
    // prepare
    const plain = await spawnEmulator('dynalite', { streams: false });
    const dynamo = makeDynamoClient(plain.endpoint);
    try {
      // act
      const { TableDescription } = await dynamo.send(
        new CreateTableCommand({
          TableName: 'plain',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
        }),
      );

      // assess
      expect(TableDescription?.LatestStreamArn).toBeUndefined();
    } finally {
      dynamo.destroy();
      await plain.close();
    }
  }, 30_000);
});
