// The streams plugin in dynalite: table control plane, record shape and semantics, the Streams API.
import {
  waitUntilTableExists,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  PutItemCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb-streams';
import { encodeShardIterator, type StreamViewType } from '../src';
import { rawCall } from './helpers/raw-call';
import { readWholeStream } from './helpers/stream-reader';
import { startStreamsServer, type StreamsServer } from './helpers/streams-server';

let server: StreamsServer;
let tableCount = 0;

beforeAll(async () => (server = await startStreamsServer()));
afterAll(() => server.close());

async function createTable(viewType?: StreamViewType): Promise<{ name: string; streamArn: string }> {
  const name = `streams-test-${++tableCount}`;
  const { TableDescription } = await server.dynamo.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      ...(viewType ? { StreamSpecification: { StreamEnabled: true, StreamViewType: viewType } } : {}),
    }),
  );
  // CreateTable answers CREATING; writes are refused until the table is ACTIVE.
  await waitUntilTableExists(
    { client: server.dynamo, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 },
    { TableName: name },
  );
  return { name, streamArn: TableDescription?.LatestStreamArn ?? '' };
}

/** A stream record as JSON on the wire. */
interface WireRecord {
  readonly [field: string]: unknown;
  readonly dynamodb: Record<string, unknown>;
}

const key = (pk: string, sk = 'a'): Record<string, AttributeValue> => ({ pk: { S: pk }, sk: { S: sk } });

describe('CreateTable and DescribeTable with a StreamSpecification', () => {
  it('answer StreamSpecification, LatestStreamLabel and LatestStreamArn as AWS does', async () => {
    // act
    const { name, streamArn } = await createTable('NEW_AND_OLD_IMAGES');
    const { Table } = await server.dynamo.send(new DescribeTableCommand({ TableName: name }));

    // assess
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(Table?.LatestStreamLabel).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
    expect(streamArn).toBe(`arn:aws:dynamodb:us-east-1:000000000000:table/${name}/stream/${Table?.LatestStreamLabel}`);
    expect(Table?.LatestStreamArn).toBe(streamArn);
  });

  it('rejects a StreamSpecification AWS would reject, naming the field', async () => {
    const create = (spec: unknown) =>
      rawCall(server.endpoint, 'DynamoDB_20120810.CreateTable', {
        TableName: `bad-${++tableCount}`,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: spec,
      });

    // act
    const noView = await create({ StreamEnabled: true });
    const badView = await create({ StreamEnabled: true, StreamViewType: 'EVERYTHING' });
    const viewWhileDisabled = await create({ StreamEnabled: false, StreamViewType: 'KEYS_ONLY' });

    // assess
    for (const answer of [noView, badView, viewWhileDisabled]) {
      expect(answer.status).toBe(400);
      expect(answer.body['__type']).toBe('com.amazon.coral.validate#ValidationException');
      expect(answer.body['message']).toMatch(/StreamSpecification\.StreamViewType/);
    }
    expect(badView.body['message']).toMatch(/"EVERYTHING"/);
  });

  it('creates no stream for StreamEnabled false or no specification', async () => {
    // act
    const plain = await createTable();
    const before = await server.streams.send(new ListStreamsCommand({ TableName: plain.name }));
    await server.dynamo.send(new PutItemCommand({ TableName: plain.name, Item: key('x') }));

    // assess
    expect(plain.streamArn).toBe('');
    expect(before.Streams).toEqual([]);
  });
});

describe('stream records', () => {
  it('have AWS exact shape for INSERT, MODIFY and REMOVE on the wire', async () => {
    // prepare
    const { name, streamArn } = await createTable('NEW_AND_OLD_IMAGES');

    // act
    await server.dynamo.send(new PutItemCommand({ TableName: name, Item: { ...key('p1'), n: { N: '1' } } }));
    await server.dynamo.send(
      new UpdateItemCommand({
        TableName: name,
        Key: key('p1'),
        UpdateExpression: 'SET n = :v, b = :b',
        ExpressionAttributeValues: { ':v': { N: '2' }, ':b': { B: Buffer.from('hi') } },
      }),
    );
    await server.dynamo.send(new DeleteItemCommand({ TableName: name, Key: key('p1') }));
    const shardId = (await server.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription
      ?.Shards?.[0]?.ShardId;
    const iterator = await rawCall(server.endpoint, 'DynamoDBStreams_20120810.GetShardIterator', {
      StreamArn: streamArn,
      ShardId: shardId,
      ShardIteratorType: 'TRIM_HORIZON',
    });
    const page = await rawCall(server.endpoint, 'DynamoDBStreams_20120810.GetRecords', {
      ShardIterator: iterator.body['ShardIterator'],
    });

    // assess
    const records = page.body['Records'] as WireRecord[];
    expect(records.map((r) => r['eventName'])).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    const [insert, modify, remove] = records as [WireRecord, WireRecord, WireRecord];
    expect(Object.keys(insert)).toEqual([
      'eventID',
      'eventName',
      'eventVersion',
      'eventSource',
      'awsRegion',
      'dynamodb',
    ]);
    expect(insert).toMatchObject({ eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'us-east-1' });
    expect(insert['eventID']).toMatch(/^[0-9a-f]{32}$/);
    expect(insert['dynamodb']).toEqual({
      ApproximateCreationDateTime: expect.any(Number),
      Keys: key('p1'),
      NewImage: { ...key('p1'), n: { N: '1' } },
      SequenceNumber: expect.stringMatching(/^\d{21}$/),
      SizeBytes: 7 + 10, // keys (pk p1, sk a) + new image (the keys and n: 1)
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
    expect(Number.isInteger(insert['dynamodb']['ApproximateCreationDateTime'])).toBe(true);
    expect(Math.abs((insert['dynamodb']['ApproximateCreationDateTime'] as number) - Date.now() / 1000)).toBeLessThan(
      60,
    );
    expect(modify['dynamodb']['OldImage']).toEqual({ ...key('p1'), n: { N: '1' } });
    expect(modify['dynamodb']['NewImage']).toEqual({ ...key('p1'), n: { N: '2' }, b: { B: 'aGk=' } });
    expect(remove['dynamodb']['NewImage']).toBeUndefined();
    expect(remove['dynamodb']['OldImage']).toEqual({ ...key('p1'), n: { N: '2' }, b: { B: 'aGk=' } });
    const sequence = records.map((r) => BigInt(r['dynamodb']['SequenceNumber'] as string));
    expect([...sequence].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequence);
    expect(page.body['NextShardIterator']).toEqual(expect.any(String));
  });

  it.each<[StreamViewType, string[]]>([
    ['KEYS_ONLY', []],
    ['NEW_IMAGE', ['NewImage']],
    ['OLD_IMAGE', ['OldImage']],
  ])('carry only what the %s view allows', async (viewType, images) => {
    // prepare
    const { name, streamArn } = await createTable(viewType);

    // act
    await server.dynamo.send(new PutItemCommand({ TableName: name, Item: { ...key('v'), n: { N: '1' } } }));
    await server.dynamo.send(new PutItemCommand({ TableName: name, Item: { ...key('v'), n: { N: '2' } } }));
    const records = await readWholeStream(server.streams, streamArn);

    // assess
    const modify = records[1]?.dynamodb ?? {};
    const present = ['NewImage', 'OldImage'].filter((k) => (modify as Record<string, unknown>)[k] !== undefined);
    expect(present).toEqual(images);
    expect(modify.StreamViewType).toBe(viewType);
    expect(modify.SizeBytes).toBe(6 + images.length * 9);
  });

  it('are not written for writes that change nothing or fail their condition', async () => {
    // prepare
    const { name, streamArn } = await createTable('NEW_AND_OLD_IMAGES');
    const item = { ...key('same'), tags: { SS: ['a', 'b'] }, n: { N: '1.5' } };
    await server.dynamo.send(new PutItemCommand({ TableName: name, Item: item }));

    // act
    await server.dynamo.send(new PutItemCommand({ TableName: name, Item: item }));
    await server.dynamo.send(
      new PutItemCommand({ TableName: name, Item: { ...item, tags: { SS: ['b', 'a'] }, n: { N: '1.50' } } }),
    );
    await server.dynamo.send(
      new UpdateItemCommand({
        TableName: name,
        Key: key('same'),
        UpdateExpression: 'SET n = :v',
        ExpressionAttributeValues: { ':v': { N: '1.5' } },
      }),
    );
    await server.dynamo.send(new DeleteItemCommand({ TableName: name, Key: key('never-existed') }));
    await expect(
      server.dynamo.send(
        new PutItemCommand({
          TableName: name,
          Item: { ...key('same'), n: { N: '9' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    const records = await readWholeStream(server.streams, streamArn);

    // assess
    expect(records.map((r) => r.eventName)).toEqual(['INSERT']);
  });

  it('are one per item of a BatchWriteItem', async () => {
    // prepare
    const { name, streamArn } = await createTable('KEYS_ONLY');
    await server.dynamo.send(new PutItemCommand({ TableName: name, Item: key('gone') }));

    // act
    await server.dynamo.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [name]: [
            { PutRequest: { Item: key('b1') } },
            { PutRequest: { Item: key('b2') } },
            { DeleteRequest: { Key: key('gone') } },
            { DeleteRequest: { Key: key('absent') } },
          ],
        },
      }),
    );
    const records = await readWholeStream(server.streams, streamArn);

    // assess
    const events = records.slice(1).map((r) => `${r.eventName} ${r.dynamodb?.Keys?.['pk']?.S}`);
    expect(events.sort()).toEqual(['INSERT b1', 'INSERT b2', 'REMOVE gone']);
  });

  it('chain old and new images in order when writes to one item race', async () => {
    // prepare
    const { name, streamArn } = await createTable('NEW_AND_OLD_IMAGES');
    const writers = 40;

    // act: every writer appends its own number to one list, all at once
    await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        server.dynamo.send(
          new UpdateItemCommand({
            TableName: name,
            Key: key('hot'),
            UpdateExpression: 'SET l = list_append(if_not_exists(l, :empty), :me)',
            ExpressionAttributeValues: { ':empty': { L: [] }, ':me': { L: [{ N: String(i) }] } },
          }),
        ),
      ),
    );
    const records = await readWholeStream(server.streams, streamArn);

    // assess: one record per change, each old image the previous new image
    expect(records).toHaveLength(writers);
    expect(records[0]?.eventName).toBe('INSERT');
    for (let i = 1; i < records.length; i++) {
      expect(records[i]?.dynamodb?.OldImage).toEqual(records[i - 1]?.dynamodb?.NewImage);
      expect(records[i]?.dynamodb?.NewImage?.['l']?.L).toHaveLength(i + 1);
    }
  });
});

describe('the Streams API', () => {
  it('starts iterators at TRIM_HORIZON, LATEST, AT_ and AFTER_SEQUENCE_NUMBER', async () => {
    // prepare
    const { name, streamArn } = await createTable('KEYS_ONLY');
    for (const pk of ['k1', 'k2', 'k3'])
      await server.dynamo.send(new PutItemCommand({ TableName: name, Item: key(pk) }));
    const shardId = (await server.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription
      ?.Shards?.[0]?.ShardId;
    const all = await readWholeStream(server.streams, streamArn);
    const second = all[1]?.dynamodb?.SequenceNumber;
    const read = async (type: 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER') => {
      const { ShardIterator } = await server.streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: type,
          ...(type.endsWith('NUMBER') ? { SequenceNumber: second } : {}),
        }),
      );
      return ShardIterator;
    };

    // act
    const latest = await read('LATEST');
    await server.dynamo.send(new PutItemCommand({ TableName: name, Item: key('k4') }));
    const pages = await Promise.all(
      [await read('TRIM_HORIZON'), latest, await read('AT_SEQUENCE_NUMBER'), await read('AFTER_SEQUENCE_NUMBER')].map(
        async (it) => (await server.streams.send(new GetRecordsCommand({ ShardIterator: it }))).Records ?? [],
      ),
    );

    // assess
    const pks = pages.map((records) => records.map((r) => r.dynamodb?.Keys?.['pk']?.S));
    expect(pks).toEqual([['k1', 'k2', 'k3', 'k4'], ['k4'], ['k2', 'k3', 'k4'], ['k3', 'k4']]);
  });

  it('pages GetRecords by Limit and answers AWS errors for bad requests', async () => {
    // prepare
    const { name, streamArn } = await createTable('KEYS_ONLY');
    for (const pk of ['a', 'b', 'c']) await server.dynamo.send(new PutItemCommand({ TableName: name, Item: key(pk) }));
    const shardId = (await server.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription
      ?.Shards?.[0]?.ShardId as string;
    const { ShardIterator } = await server.streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );

    // act
    const first = await server.streams.send(new GetRecordsCommand({ ShardIterator, Limit: 2 }));
    const rest = await server.streams.send(new GetRecordsCommand({ ShardIterator: first.NextShardIterator, Limit: 2 }));
    const stale = encodeShardIterator({ streamArn, shardId, after: 0n, issuedAtMs: Date.now() - 16 * 60_000 });
    const call = (target: string, body: unknown) =>
      rawCall(server.endpoint, `DynamoDBStreams_20120810.${target}`, body);

    // assess
    expect(first.Records?.map((r) => r.dynamodb?.Keys?.['pk']?.S)).toEqual(['a', 'b']);
    expect(rest.Records?.map((r) => r.dynamodb?.Keys?.['pk']?.S)).toEqual(['c']);
    await expect(server.streams.send(new GetRecordsCommand({ ShardIterator: stale }))).rejects.toBeInstanceOf(
      ExpiredIteratorException,
    );
    await expect(server.streams.send(new DescribeStreamCommand({ StreamArn: `${streamArn}x` }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect((await call('GetRecords', { ShardIterator: 'garbage' })).body).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message: 'Invalid ShardIterator',
    });
    expect((await call('GetRecords', { ShardIterator, Limit: 1001 })).body['message']).toMatch(
      /less than or equal to 1000/,
    );
    expect(
      (
        await call('GetShardIterator', {
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        })
      ).body['message'],
    ).toMatch(/SequenceNumber is required/);
    expect(
      (
        await call('GetShardIterator', {
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
          SequenceNumber: '1'.padStart(21, '0'),
        })
      ).body['message'],
    ).toBe('Invalid SequenceNumber for the shard');
    expect(
      (await call('GetShardIterator', { StreamArn: streamArn, ShardId: 'shardId-nope', ShardIteratorType: 'LATEST' }))
        .body['__type'],
    ).toBe('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
    const huge = await call('GetRecords', { ShardIterator, padding: 'x'.repeat(200_000) });
    expect([huge.status, huge.body['__type']]).toEqual([413, 'com.amazon.coral.service#SerializationException']);
    expect((await call('PutRecord', {})).body['__type']).toBe(
      'com.amazonaws.dynamodb.v20120810#UnknownOperationException',
    );
  });

  it('disables and re-enables a stream with UpdateTable, and keeps a deleted table’s stream readable', async () => {
    // prepare
    const { name, streamArn } = await createTable('NEW_IMAGE');
    await server.dynamo.send(new PutItemCommand({ TableName: name, Item: key('before') }));

    // act
    await server.dynamo.send(
      new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: false } }),
    );
    await server.dynamo.send(new PutItemCommand({ TableName: name, Item: key('while-disabled') }));
    const disabled = (await server.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription;
    const twice = await rawCall(server.endpoint, 'DynamoDB_20120810.UpdateTable', {
      TableName: name,
      StreamSpecification: { StreamEnabled: false },
    });
    const { TableDescription } = await server.dynamo.send(
      new UpdateTableCommand({
        TableName: name,
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      }),
    );
    await server.dynamo.send(new PutItemCommand({ TableName: name, Item: key('after') }));
    await server.dynamo.send(new DeleteTableCommand({ TableName: name }));
    const listed = await server.streams.send(new ListStreamsCommand({ TableName: name }));
    const newArn = TableDescription?.LatestStreamArn as string;

    // assess
    expect(disabled?.StreamStatus).toBe('DISABLED');
    expect(disabled?.Shards?.[0]?.SequenceNumberRange?.EndingSequenceNumber).toEqual(expect.any(String));
    expect(twice.body['message']).toBe('Table has no stream to disable');
    expect(newArn).not.toBe(streamArn);
    expect(TableDescription?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'KEYS_ONLY' });
    expect((await readWholeStream(server.streams, streamArn)).map((r) => r.dynamodb?.Keys?.['pk']?.S)).toEqual([
      'before',
    ]);
    expect((await readWholeStream(server.streams, newArn)).map((r) => r.dynamodb?.Keys?.['pk']?.S)).toEqual(['after']);
    expect(listed.Streams?.map((s) => s.StreamArn).sort()).toEqual([streamArn, newArn].sort());
    const deleted = (await server.streams.send(new DescribeStreamCommand({ StreamArn: newArn }))).StreamDescription;
    expect(deleted?.StreamStatus).toBe('DISABLED');
  });

  it('pages ListStreams and DescribeStream with Limit and the exclusive start', async () => {
    // prepare
    const arns = [];
    for (let i = 0; i < 3; i++) arns.push((await createTable('KEYS_ONLY')).streamArn);

    // act
    const seen: string[] = [];
    let start: string | undefined;
    do {
      const page = await server.streams.send(new ListStreamsCommand({ Limit: 2, ExclusiveStartStreamArn: start }));
      seen.push(...(page.Streams ?? []).map((s) => s.StreamArn as string));
      start = page.LastEvaluatedStreamArn;
    } while (start);

    // assess
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(arns));
  });
});
