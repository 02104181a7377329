import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ListShardsCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { TABLE_SPECS } from '@streamlens/tables';
import {
  EmulatorPortError,
  ensureStream,
  ensureTable,
  makeDynamoClient,
  makeKinesisClient,
  startDynalite,
  startKinesalite,
  tableKeyDefinition,
} from '../src';

describe('emulators', () => {
  it('starts both on distinct free loopback ports and provisions a stream and a table', async () => {
    const kinesis = await startKinesalite();
    const dynamo = await startDynalite();
    try {
      expect(kinesis.port).not.toBe(dynamo.port);
      expect(kinesis.endpoint).toBe(`http://127.0.0.1:${kinesis.port}`);
      const kc = makeKinesisClient(kinesis.endpoint);
      const arn = await ensureStream(kc, 'posts', 3);
      expect(arn).toMatch(/^arn:aws:kinesis:us-east-1:\d+:stream\/posts$/);
      await ensureStream(kc, 'posts', 3); // idempotent
      const { Shards } = await kc.send(new ListShardsCommand({ StreamName: 'posts' }));
      expect(Shards).toHaveLength(3);
      const put = await kc.send(
        new PutRecordCommand({ StreamName: 'posts', PartitionKey: 'k', Data: Buffer.from('x') }),
      );
      expect(put.SequenceNumber).toMatch(/^\d+$/);

      const dc = makeDynamoClient(dynamo.endpoint);
      await ensureTable(dc, 'streamlens-test-posts', TABLE_SPECS.posts);
      await ensureTable(dc, 'streamlens-test-posts', TABLE_SPECS.posts); // idempotent
      await dc.send(
        new PutItemCommand({ TableName: 'streamlens-test-posts', Item: { pk: { S: 'a' }, sk: { S: 'b' } } }),
      );
      const got = await dc.send(
        new GetItemCommand({ TableName: 'streamlens-test-posts', Key: { pk: { S: 'a' }, sk: { S: 'b' } } }),
      );
      expect(got.Item).toEqual({ pk: { S: 'a' }, sk: { S: 'b' } });
      kc.destroy();
      dc.destroy();
    } finally {
      await kinesis.close();
      await dynamo.close();
    }
  });

  it('names the emulator and port when the port is already taken', async () => {
    const first = await startDynalite();
    try {
      await expect(startKinesalite({ port: first.port })).rejects.toThrow(EmulatorPortError);
      await expect(startKinesalite({ port: first.port })).rejects.toThrow(
        `kinesalite could not listen on 127.0.0.1:${first.port}`,
      );
    } finally {
      await first.close();
    }
  });

  it('keeps data across a restart when given a data dir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-'));
    try {
      let dynamo = await startDynalite({ dataDir: join(dir, 'ddb') });
      let dc = makeDynamoClient(dynamo.endpoint);
      await ensureTable(dc, 'trends', TABLE_SPECS.trends);
      await dc.send(
        new PutItemCommand({ TableName: 'trends', Item: { pk: { S: 'p' }, sk: { S: 's' }, v: { N: '7' } } }),
      );
      dc.destroy();
      await dynamo.close();

      dynamo = await startDynalite({ dataDir: join(dir, 'ddb') });
      dc = makeDynamoClient(dynamo.endpoint);
      const got = await dc.send(new GetItemCommand({ TableName: 'trends', Key: { pk: { S: 'p' }, sk: { S: 's' } } }));
      expect(got.Item?.['v']).toEqual({ N: '7' });
      dc.destroy();
      await dynamo.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('derives key schema and attribute definitions from a table spec', () => {
    expect(tableKeyDefinition(TABLE_SPECS.posts)).toEqual({
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
    });
  });
});
