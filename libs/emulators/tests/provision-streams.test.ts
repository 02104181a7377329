// ensureTable and table streams: the spec's stream is created, kept, added to a table that lacks
// it (a data dir from before the stream existed), and refused clearly by an emulator without Streams.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { TABLE_SPECS } from '@streamlens/tables';
import {
  EmulatorError,
  ensureTable,
  makeDynamoClient,
  spawnEmulator,
  startDynalite,
  tableKeyDefinition,
  type RunningEmulator,
} from '../src';

describe('ensureTable with a streamed table spec', () => {
  let dynamo: RunningEmulator;
  beforeAll(async () => (dynamo = await startDynalite()));
  afterAll(() => dynamo.close());

  it('creates the NEW_AND_OLD_IMAGES stream of the trends table once, and keeps it on a second call', async () => {
    // prepare
    const client = makeDynamoClient(dynamo.endpoint);
    try {
      // act
      const first = await ensureTable(client, 'trends-a', TABLE_SPECS.trends);
      const second = await ensureTable(client, 'trends-a', TABLE_SPECS.trends);
      const posts = await ensureTable(client, 'posts-a', TABLE_SPECS.posts);

      // assess
      expect(first.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
      expect(first.LatestStreamArn).toMatch(/:table\/trends-a\/stream\//);
      expect(second.LatestStreamArn).toBe(first.LatestStreamArn);
      expect(posts.LatestStreamArn).toBeUndefined();
    } finally {
      client.destroy();
    }
  });

  it('adds the stream to an existing trends table created without one', async () => {
    // prepare
    const client = makeDynamoClient(dynamo.endpoint);
    try {
      await client.send(
        new CreateTableCommand({
          TableName: 'trends-b',
          BillingMode: 'PAY_PER_REQUEST',
          ...tableKeyDefinition(TABLE_SPECS.trends),
        }),
      );

      // act
      const table = await ensureTable(client, 'trends-b', TABLE_SPECS.trends);

      // assess
      expect(table.StreamSpecification?.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
      expect(table.LatestStreamArn).toEqual(expect.any(String));
    } finally {
      client.destroy();
    }
  });

  it('names the table and the missing stream when the emulator has no DynamoDB Streams', async () => {
    // prepare
    const plain = await spawnEmulator('dynalite', { streams: false });
    const client = makeDynamoClient(plain.endpoint);
    try {
      // act
      const ensured = ensureTable(client, 'trends-c', TABLE_SPECS.trends);

      // assess
      await expect(ensured).rejects.toBeInstanceOf(EmulatorError);
      await expect(ensured).rejects.toThrow(/table trends-c needs a NEW_AND_OLD_IMAGES stream/);
    } finally {
      client.destroy();
      await plain.close();
    }
  }, 30_000);
});
