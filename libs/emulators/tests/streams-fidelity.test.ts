// Fidelity proof of the stream emulation: one write workload through dynalite with the streams
// plugin and through AWS's DynamoDB Local (real DynamoDB Streams), then the records compared —
// event names, keys, images, view type and SizeBytes, item by item in order. Ids, sequence
// numbers, timestamps and region are left aside (each service makes its own).
// Needs Java: `.ci/run` installs default-jre-headless as it installs Chromium.
import {
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DescribeTableCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { TABLE_SPECS, type StreamViewType } from '@streamlens/tables';
import {
  LOCAL_CREDENTIALS,
  ensureTable,
  LOCAL_REGION,
  findJava,
  makeDynamoClient,
  spawnDynamoDbLocal,
  spawnEmulator,
  type DynamoDbLocalProcess,
  type EmulatorProcess,
} from '../src';

type Item = Record<string, AttributeValue>;
const TABLE = 'fidelity';

interface Target {
  readonly name: string;
  readonly emulator: EmulatorProcess | DynamoDbLocalProcess;
  readonly dynamo: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
}

async function target(name: string, emulator: EmulatorProcess | DynamoDbLocalProcess): Promise<Target> {
  const streams = new DynamoDBStreamsClient({
    endpoint: emulator.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    requestHandler: new NodeHttpHandler(),
  });
  return { name, emulator, dynamo: makeDynamoClient(emulator.endpoint), streams };
}

const key = (pk: string, sk = 'r'): Item => ({ pk: { S: pk }, sk: { S: sk } });

// Every kind of write, including the ones that must not produce a record.
async function workload(dynamo: DynamoDBClient, viewTable: string): Promise<void> {
  const put = (Item: Item, extra: object = {}) =>
    dynamo.send(new PutItemCommand({ TableName: viewTable, Item, ...extra }));
  const update = (Key: Item, UpdateExpression: string, values?: Item, extra: object = {}) =>
    dynamo.send(
      new UpdateItemCommand({
        TableName: viewTable,
        Key,
        UpdateExpression,
        ...(values ? { ExpressionAttributeValues: values } : {}),
        ...extra,
      }),
    );
  const failsCondition = async (p: Promise<unknown>) => {
    await expect(p).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  };

  await put({
    ...key('types'),
    s: { S: 'héllo' },
    n: { N: '1.50' },
    neg: { N: '-12.5' },
    big: { N: '12345678901234567890' },
    b: { B: Buffer.from([0, 1, 2, 250]) },
    ss: { SS: ['b', 'a'] },
    ns: { NS: ['2', '10'] },
    bs: { BS: [Buffer.from('x'), Buffer.from('yz')] },
    t: { BOOL: true },
    nil: { NULL: true },
    l: { L: [{ S: 'one' }, { N: '2' }, { M: { deep: { L: [] } } }] },
    m: { M: { a: { S: 'x' }, b: { SS: ['q'] } } },
  });
  await put({ ...key('types'), s: { S: 'héllo' } }); // MODIFY: attributes dropped
  await put({ ...key('types'), s: { S: 'héllo' } }); // no change: no record
  await put({ ...key('sets'), ss: { SS: ['a', 'b'] }, n: { N: '1' } });
  await put({ ...key('sets'), ss: { SS: ['b', 'a'] }, n: { N: '1.0' } }); // same data: no record
  await update(key('sets'), 'SET n = n + :one ADD ss :c', { ':one': { N: '1' }, ':c': { SS: ['c'] } });
  await update(key('sets'), 'SET n = :two', { ':two': { N: '2' } }); // same value: no record
  await update(key('sets'), 'REMOVE ss');
  await update(key('sets'), 'REMOVE ghost'); // removes nothing: no record
  await update(key('new-by-update'), 'SET v = :v', { ':v': { S: 'created' } });
  await update(key('only-key'), 'REMOVE phantom'); // creates the item with its key alone
  await failsCondition(put({ ...key('sets'), n: { N: '9' } }, { ConditionExpression: 'attribute_not_exists(pk)' }));
  await failsCondition(
    update(key('sets'), 'SET n = :v', { ':v': { N: '9' }, ':no': { N: '100' } }, { ConditionExpression: 'n = :no' }),
  );
  await failsCondition(
    dynamo.send(
      new DeleteItemCommand({ TableName: viewTable, Key: key('sets'), ConditionExpression: 'attribute_not_exists(n)' }),
    ),
  );
  await dynamo.send(new DeleteItemCommand({ TableName: viewTable, Key: key('types') }));
  await dynamo.send(new DeleteItemCommand({ TableName: viewTable, Key: key('never') })); // nothing: no record
  await dynamo.send(
    new BatchWriteItemCommand({
      RequestItems: {
        [viewTable]: [
          { PutRequest: { Item: { ...key('batch-1'), v: { N: '1' } } } },
          { PutRequest: { Item: { ...key('batch-2'), v: { N: '2' } } } },
          { PutRequest: { Item: { ...key('new-by-update'), v: { S: 'replaced' } } } },
          { DeleteRequest: { Key: key('only-key') } },
          { DeleteRequest: { Key: key('absent') } },
        ],
      },
    }),
  );
  await put({ ...key('sort', 'a') });
  await put({ ...key('sort', 'b'), v: { S: 'same partition, other item' } });
}

async function createTable(dynamo: DynamoDBClient, name: string, viewType: StreamViewType): Promise<string> {
  const table = await ensureTable(dynamo, name, { ...TABLE_SPECS.trends, stream: { viewType } });
  return table.LatestStreamArn as string;
}

async function readStream(t: Target, streamArn: string): Promise<_Record[]> {
  const { StreamDescription } = await t.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const records: _Record[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let { ShardIterator: iterator } = await t.streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    while (iterator) {
      const page = await t.streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(page.Records ?? []));
      if ((page.Records ?? []).length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return records;
}

// Sets carry no order (DynamoDB Local sorts them, dynalite keeps the order written).
function canonical(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        const c = canonical(v);
        return [k, ['SS', 'NS', 'BS'].includes(k) && Array.isArray(c) ? [...c].sort() : c];
      }),
    );
  }
  return value;
}

/** Records per item (pk/sk), each without what every service makes up for itself. */
function byItem(records: readonly _Record[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const r of records) {
    const k = `${r.dynamodb?.Keys?.['pk']?.S}/${r.dynamodb?.Keys?.['sk']?.S}`;
    const { ApproximateCreationDateTime: _t, SequenceNumber: _s, ...data } = r.dynamodb ?? {};
    (out[k] ??= []).push(
      canonical({ eventName: r.eventName, eventSource: r.eventSource, eventVersion: r.eventVersion, ...data }),
    );
  }
  return out;
}

describe('stream fidelity: dynalite + streams plugin against DynamoDB Local', () => {
  let ours: Target;
  let aws: Target;

  beforeAll(async () => {
    if (!findJava()) {
      throw new Error(
        'Java is not installed: the fidelity test runs AWS DynamoDB Local (install default-jre-headless; .ci/run does this in CI)',
      );
    }
    const [dynalite, local] = await Promise.all([spawnEmulator('dynalite'), spawnDynamoDbLocal()]);
    ours = await target('dynalite', dynalite);
    aws = await target('dynamodb-local', local);
  }, 60_000);

  afterAll(async () => {
    for (const t of [ours, aws].filter(Boolean)) {
      t.dynamo.destroy();
      t.streams.destroy();
      await t.emulator.close();
    }
  });

  it.each<StreamViewType>(['NEW_AND_OLD_IMAGES', 'KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE'])(
    'writes the same %s records for the same workload',
    async (viewType) => {
      // prepare
      const table = `${TABLE}-${viewType.toLowerCase().replace(/_/g, '-')}`;
      const arns = await Promise.all([ours, aws].map((t) => createTable(t.dynamo, table, viewType)));

      // act
      await workload(ours.dynamo, table);
      await workload(aws.dynamo, table);
      const [mine, theirs] = await Promise.all([
        readStream(ours, arns[0] as string),
        readStream(aws, arns[1] as string),
      ]);

      // assess
      expect(mine.length).toBeGreaterThan(0);
      expect(byItem(mine)).toEqual(byItem(theirs));
      expect(mine.length).toBe(theirs.length);
    },
    60_000,
  );

  it('describes the table stream and its shard alike', async () => {
    // prepare
    const table = `${TABLE}-describe`;
    const arns = await Promise.all([ours, aws].map((t) => createTable(t.dynamo, table, 'NEW_AND_OLD_IMAGES')));

    // act
    const described = await Promise.all(
      [ours, aws].map(async (t, i) => {
        const { Table } = await t.dynamo.send(new DescribeTableCommand({ TableName: table }));
        const { StreamDescription: s } = await t.streams.send(new DescribeStreamCommand({ StreamArn: arns[i] }));
        return {
          table: {
            spec: Table?.StreamSpecification,
            labelIsArnSuffix: Table?.LatestStreamArn?.endsWith(`/stream/${Table.LatestStreamLabel}`),
          },
          stream: {
            fields: Object.keys(s ?? {}).sort(),
            status: s?.StreamStatus,
            viewType: s?.StreamViewType,
            tableName: s?.TableName,
            keySchema: s?.KeySchema,
            shards: s?.Shards?.map((shard) => ({
              id: /^shardId-\d{20}-[0-9a-f]{8}$/.test(shard.ShardId ?? ''),
              parent: shard.ParentShardId,
              open: shard.SequenceNumberRange?.EndingSequenceNumber === undefined,
              start: /^\d{21,40}$/.test(shard.SequenceNumberRange?.StartingSequenceNumber ?? ''),
            })),
          },
        };
      }),
    );

    // assess
    expect(described[0]).toEqual(described[1]);
  }, 60_000);
});
