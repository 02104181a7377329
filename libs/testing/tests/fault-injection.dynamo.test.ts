import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  ScanCommand,
  ThrottlingException,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  ensureTable,
  LOCAL_CREDENTIALS,
  makeDynamoClient,
  startDynalite,
  type RunningEmulator,
} from '@streamlens/emulators';
import { TABLE_SPECS } from '@streamlens/tables';
import { FaultRuleError, injectFaults } from '../src';

const TABLE = 'faults-test';
let dynamo: RunningEmulator;
let client: DynamoDBClient;

const put = (id: string): WriteRequest => ({ PutRequest: { Item: { pk: { S: id }, sk: { S: 'x' } } } });

async function storedIds(): Promise<string[]> {
  const out = await client.send(new ScanCommand({ TableName: TABLE }));
  return (out.Items ?? []).map((i) => i['pk']?.S as string).sort();
}

async function clearTable(): Promise<void> {
  const ids = await storedIds();
  for (let i = 0; i < ids.length; i += 25) {
    const chunk = ids.slice(i, i + 25).map((id) => ({ DeleteRequest: { Key: { pk: { S: id }, sk: { S: 'x' } } } }));
    await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: chunk } }));
  }
}

beforeAll(async () => {
  dynamo = await startDynalite();
  client = makeDynamoClient(dynamo.endpoint);
  await ensureTable(client, TABLE, TABLE_SPECS.posts);
});

afterAll(async () => {
  client.destroy();
  await dynamo.close();
});

beforeEach(clearTable);

describe('injectFaults on DynamoDB', () => {
  it('holds back part of a BatchWriteItem as UnprocessedItems and writes only the rest', async () => {
    // prepare
    const faults = injectFaults(client, {
      seed: 11,
      rules: [{ kind: 'unprocessedItems', probability: 1, fraction: 0.4 }],
    });
    const ids = Array.from({ length: 25 }, (_, i) => `item-${i}`);
    // act
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: ids.map(put) } }));
    faults.remove();
    // assess
    const unprocessed = (out.UnprocessedItems?.[TABLE] ?? []).map((r) => r.PutRequest?.Item?.['pk']?.S as string);
    expect(unprocessed).toHaveLength(10);
    const stored = await storedIds();
    expect(stored).toHaveLength(15);
    expect([...stored, ...unprocessed].sort()).toEqual([...ids].sort());
    expect(faults.counts()).toEqual({
      byKind: { error: 0, unprocessedItems: 1, failedRecords: 0, timeout: 0 },
      unprocessedEntries: 10,
      failedRecordEntries: 0,
    });
  });

  it('is deterministic for a seed', async () => {
    // prepare
    const run = async (seed: number) => {
      await clearTable();
      const faults = injectFaults(client, {
        seed,
        rules: [{ kind: 'unprocessedItems', probability: 0.5, fraction: 0.3 }],
      });
      const held: string[] = [];
      for (let b = 0; b < 4; b++) {
        const ids = Array.from({ length: 10 }, (_, i) => `b${b}-${i}`);
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: ids.map(put) } }));
        held.push(...(out.UnprocessedItems?.[TABLE] ?? []).map((r) => r.PutRequest?.Item?.['pk']?.S as string));
      }
      faults.remove();
      return held;
    };
    // act
    const first = await run(5);
    const second = await run(5);
    const other = await run(6);
    // assess
    expect(first.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('works through a document client (native values in the unprocessed entries)', async () => {
    // prepare
    const doc = DynamoDBDocumentClient.from(client);
    const faults = injectFaults(doc, { seed: 3, rules: [{ kind: 'unprocessedItems', probability: 1, fraction: 0.5 }] });
    const items = Array.from({ length: 6 }, (_, i) => ({ pk: `d${i}`, sk: 'x', n: i }));
    // act
    const out = await doc.send(
      new BatchWriteCommand({ RequestItems: { [TABLE]: items.map((Item) => ({ PutRequest: { Item } })) } }),
    );
    faults.remove();
    // assess
    const held = (out.UnprocessedItems?.[TABLE] ?? []).map((r) => r.PutRequest?.Item);
    expect(held).toHaveLength(3);
    for (const item of held) expect(items).toContainEqual(item);
    expect((await storedIds()).length).toBe(3);
  });

  it('holds back BatchGetItem keys as UnprocessedKeys', async () => {
    // prepare
    await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: ['g1', 'g2', 'g3', 'g4'].map(put) } }));
    const faults = injectFaults(client, {
      seed: 1,
      rules: [{ kind: 'unprocessedItems', probability: 1, fraction: 0.5 }],
    });
    const keys = ['g1', 'g2', 'g3', 'g4'].map((id) => ({ pk: { S: id }, sk: { S: 'x' } }));
    // act
    const out = await client.send(
      new BatchGetItemCommand({ RequestItems: { [TABLE]: { Keys: keys, ConsistentRead: true } } }),
    );
    faults.remove();
    // assess
    const got = (out.Responses?.[TABLE] ?? []).map((i) => i['pk']?.S);
    const held = (out.UnprocessedKeys?.[TABLE]?.Keys ?? []).map((k) => k['pk']?.S);
    expect(got).toHaveLength(2);
    expect(held).toHaveLength(2);
    expect([...got, ...held].sort()).toEqual(['g1', 'g2', 'g3', 'g4']);
    expect(out.UnprocessedKeys?.[TABLE]?.ConsistentRead).toBe(true);
  });

  it('throws the SDK’s real throttling exceptions without reaching the table', async () => {
    // prepare
    const faults = injectFaults(client, {
      seed: 9,
      rules: [
        {
          kind: 'error',
          commands: ['PutItem'],
          error: 'ProvisionedThroughputExceededException',
          probability: 1,
          maxInjections: 1,
        },
        { kind: 'error', commands: ['PutItemCommand'], error: 'ThrottlingException', probability: 1, maxInjections: 1 },
      ],
    });
    const send = () => client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 't1' }, sk: { S: 'x' } } }));
    // act
    const first = await send().catch((e: unknown) => e);
    const second = await send().catch((e: unknown) => e);
    const third = await send();
    faults.remove();
    // assess
    expect(first).toBeInstanceOf(ProvisionedThroughputExceededException);
    expect(second).toBeInstanceOf(ThrottlingException);
    expect((second as ThrottlingException).$metadata.httpStatusCode).toBe(400);
    expect(third.$metadata.httpStatusCode).toBe(200);
    expect(faults.counts().byKind.error).toBe(2);
    expect(await storedIds()).toEqual(['t1']);
  });

  it('lets the SDK retry strategy retry injected errors (finalizeRequest step)', async () => {
    // prepare
    const retrying = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 3,
      requestHandler: new NodeHttpHandler(),
    });
    const faults = injectFaults(retrying, {
      seed: 2,
      rules: [{ kind: 'error', commands: ['PutItem'], error: 'InternalServerError', probability: 1, maxInjections: 2 }],
    });
    // act
    const out = await retrying.send(
      new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'r1' }, sk: { S: 'x' } } }),
    );
    retrying.destroy();
    // assess
    expect(out.$metadata.attempts).toBe(3);
    expect(faults.counts().byKind.error).toBe(2);
    expect(await storedIds()).toEqual(['r1']);
  });

  it('times out before or after the write took effect', async () => {
    // prepare
    const faults = injectFaults(client, {
      seed: 4,
      rules: [
        { kind: 'timeout', commands: ['PutItem'], delayMs: 20, applied: true, probability: 1, maxInjections: 1 },
        { kind: 'timeout', commands: ['PutItem'], delayMs: 20, probability: 1, maxInjections: 1 },
      ],
    });
    const send = (id: string): Promise<unknown> =>
      client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: id }, sk: { S: 'x' } } }));
    // act
    const applied = (await send('applied').catch((e: unknown) => e)) as Error;
    const lost = (await send('lost').catch((e: unknown) => e)) as Error;
    faults.remove();
    // assess
    expect(applied.name).toBe('TimeoutError');
    expect(lost.name).toBe('TimeoutError');
    const got = async (id: string) =>
      (await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: id }, sk: { S: 'x' } } }))).Item;
    expect(await got('applied')).toBeDefined();
    expect(await got('lost')).toBeUndefined();
    expect(faults.counts().byKind.timeout).toBe(2);
  });

  it('stops injecting after remove()', async () => {
    // prepare
    const faults = injectFaults(client, {
      seed: 1,
      rules: [{ kind: 'unprocessedItems', probability: 1, fraction: 1 }],
    });
    faults.remove();
    // act
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: ['a', 'b'].map(put) } }));
    // assess
    expect(out.UnprocessedItems ?? {}).toEqual({});
    expect(await storedIds()).toEqual(['a', 'b']);
  });

  it('rejects rules that cannot work, naming the rule and field', () => {
    expect(() =>
      injectFaults(client, { seed: 1, rules: [{ kind: 'unprocessedItems', probability: 2, fraction: 0.1 }] }),
    ).toThrow(new FaultRuleError(0, 'probability must be a number in 0..1, got 2'));
    expect(() =>
      injectFaults(client, { seed: 1, rules: [{ kind: 'failedRecords', probability: 1, fraction: 0.1 }] }),
    ).toThrow('fault rule #0: failedRecords applies to Kinesis clients, not DynamoDB');
    expect(() =>
      injectFaults(client, {
        seed: 1,
        rules: [{ kind: 'error', commands: ['PutItem'], error: 'LimitExceededException', probability: 1 }],
      }),
    ).toThrow('fault rule #0: error LimitExceededException cannot be injected into a DynamoDB client');
  });
});
