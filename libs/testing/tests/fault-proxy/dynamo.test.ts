import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  InternalServerError,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  ScanCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ensureTable, makeDynamoClient, startDynalite, type RunningEmulator } from '@streamlens/emulators';
import { TABLE_SPECS } from '@streamlens/tables';
import { crc32 } from 'node:zlib';
import { startFaultProxy, type FaultProxy, type ProxyFaultRule } from '../../src';
import { rawPost, rejectionOf, retryingDynamo } from './helpers';

let dynalite: RunningEmulator;
let direct: DynamoDBClient;
const opened: { proxy: FaultProxy; client: DynamoDBClient }[] = [];
let tableSeq = 0;

const key = (id: string) => ({ pk: { S: id }, sk: { S: 'x' } });
const put = (id: string): WriteRequest => ({ PutRequest: { Item: { ...key(id), n: { N: id.length.toString() } } } });
const ids = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
const idOf = (item: Record<string, { S?: string }> | undefined) => item?.['pk']?.S as string;

/** A signed-looking PutItem as the SDK sends it, for NodeHttpHandler without the SDK around it. */
function putItemRequest(port: number, table: string): Parameters<NodeHttpHandler['handle']>[0] {
  const headers = {
    host: `127.0.0.1:${port}`,
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'DynamoDB_20120810.PutItem',
    'x-amz-date': '20260101T000000Z',
    authorization:
      'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
  };
  const body = JSON.stringify({ TableName: table, Item: key('raw') });
  return {
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    method: 'POST',
    path: '/',
    query: {},
    headers,
    body,
  } as unknown as Parameters<NodeHttpHandler['handle']>[0];
}

/** A fresh table, created directly on dynalite. */
async function newTable(): Promise<string> {
  const name = `proxy-${++tableSeq}`;
  await ensureTable(direct, name, TABLE_SPECS.posts);
  return name;
}

async function storedIds(table: string): Promise<string[]> {
  const out = await direct.send(new ScanCommand({ TableName: table }));
  return (out.Items ?? []).map(idOf).sort();
}

/** A proxy with `rules` and a client through it (closed after the test). */
async function proxied(rules: readonly ProxyFaultRule[], options: { seed?: number; maxAttempts?: number } = {}) {
  const proxy = await startFaultProxy({ target: dynalite.endpoint, seed: options.seed ?? 1, rules });
  const client = options.maxAttempts
    ? retryingDynamo(proxy.endpoint, options.maxAttempts)
    : makeDynamoClient(proxy.endpoint);
  opened.push({ proxy, client });
  return { proxy, client };
}

beforeAll(async () => {
  dynalite = await startDynalite();
  direct = makeDynamoClient(dynalite.endpoint);
});

afterEach(async () => {
  for (const { proxy, client } of opened.splice(0)) {
    client.destroy();
    await proxy.close();
  }
});

afterAll(async () => {
  direct.destroy();
  await dynalite.close();
});

describe('fault proxy in front of dynalite', () => {
  it('passes requests that match no rule through untouched', async () => {
    // prepare
    const { proxy, client } = await proxied([
      { kind: 'error', operations: ['DeleteTable'], error: 'InternalServerError', probability: 1 },
    ]);
    const listTables = { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.ListTables' };
    // act
    await ensureTable(client, 'through-proxy', TABLE_SPECS.posts);
    await client.send(new PutItemCommand({ TableName: 'through-proxy', Item: { ...key('a'), n: { N: '1' } } }));
    const viaProxy = await client.send(new GetItemCommand({ TableName: 'through-proxy', Key: key('a') }));
    const rawViaProxy = await rawPost(proxy.endpoint, listTables, '{}');
    // assess
    const viaDirect = await direct.send(new GetItemCommand({ TableName: 'through-proxy', Key: key('a') }));
    expect(viaProxy.Item).toEqual(viaDirect.Item);
    const describeProxy = await client.send(new DescribeTableCommand({ TableName: 'through-proxy' }));
    const describeDirect = await direct.send(new DescribeTableCommand({ TableName: 'through-proxy' }));
    expect(describeProxy.Table).toEqual(describeDirect.Table);
    const rawDirect = await rawPost(dynalite.endpoint, listTables, '{}');
    expect(rawViaProxy.status).toBe(200);
    expect(rawViaProxy.body.toString()).toBe(rawDirect.body.toString());
    for (const header of ['content-type', 'content-length', 'x-amz-crc32'])
      expect(rawViaProxy.headers[header]).toBe(rawDirect.headers[header]);
    const counts = proxy.counts();
    expect(counts.requests).toBeGreaterThanOrEqual(5);
    expect(counts.forwarded).toBe(counts.requests);
    expect(counts.byKind).toEqual({ error: 0, unprocessedItems: 0, failedRecords: 0, timeout: 0, delay: 0 });
  });

  it('answers an injected error the SDK parses into its exception class, without reaching dynalite', async () => {
    // prepare
    const table = await newTable();
    const { proxy, client } = await proxied([
      { kind: 'error', operations: ['PutItem'], error: 'ProvisionedThroughputExceededException', probability: 1 },
    ]);
    // act
    const err = await rejectionOf(client.send(new PutItemCommand({ TableName: table, Item: key('a') })));
    // assess
    expect(err).toBeInstanceOf(ProvisionedThroughputExceededException);
    expect(err.name).toBe('ProvisionedThroughputExceededException');
    expect(err.message).toMatch(/^injected by fault proxy: The level of configured provisioned throughput/);
    expect(err['$fault']).toBe('client');
    // No $retryable trait: the SDK retries it as throttling because of its name.
    expect(err['$retryable']).toBeUndefined();
    expect(err['$metadata']).toMatchObject({ httpStatusCode: 400 });
    expect(await storedIds(table)).toEqual([]);
    expect(proxy.counts()).toMatchObject({ requests: 1, forwarded: 0, byOperation: { PutItem: { error: 1 } } });
  });

  it('lets SDK retries through once the error rule is spent; a 500 is a server fault', async () => {
    // prepare
    const table = await newTable();
    const rules: ProxyFaultRule[] = [
      {
        kind: 'error',
        operations: ['PutItem'],
        error: 'ProvisionedThroughputExceededException',
        probability: 1,
        maxInjections: 1,
      },
    ];
    const { proxy, client } = await proxied(rules, { maxAttempts: 3 });
    const { client: once } = await proxied([
      { kind: 'error', operations: ['GetItem'], error: 'InternalServerError', probability: 1 },
    ]);
    // act
    const out = await client.send(new PutItemCommand({ TableName: table, Item: key('a') }));
    const err = await rejectionOf(once.send(new GetItemCommand({ TableName: table, Key: key('a') })));
    // assess
    expect(out.$metadata.attempts).toBe(2);
    expect(await storedIds(table)).toEqual(['a']);
    expect(proxy.counts()).toMatchObject({ requests: 2, forwarded: 1, byKind: { error: 1 } });
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err['$fault']).toBe('server');
    expect(err['$metadata']).toMatchObject({ httpStatusCode: 500 });
  });

  it('holds back part of a BatchWriteItem as UnprocessedItems and stores only the forwarded part', async () => {
    // prepare
    const table = await newTable();
    const all = ids(25, 'w');
    const { proxy, client } = await proxied([
      { kind: 'unprocessedItems', probability: 1, fraction: 0.4, maxInjections: 1 },
    ]);
    // act
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: all.map(put) } }));
    // assess
    const held = (out.UnprocessedItems?.[table] ?? []).map((r) => idOf(r.PutRequest?.Item));
    expect(held).toHaveLength(10);
    expect(out.UnprocessedItems?.[table]).toEqual(held.map(put));
    const stored = await storedIds(table);
    expect(stored).toEqual(all.filter((id) => !held.includes(id)));
    expect(proxy.counts()).toMatchObject({ forwarded: 1, unprocessedEntries: 10, byKind: { unprocessedItems: 1 } });
  });

  it('ends with every item stored when the caller resends UnprocessedItems', async () => {
    // prepare
    const table = await newTable();
    const all = ids(20, 'r');
    const { proxy, client } = await proxied([{ kind: 'unprocessedItems', probability: 0.8, fraction: 0.5 }], {
      seed: 3,
    });
    let pending: Record<string, WriteRequest[]> = { [table]: all.map(put) };
    let calls = 0;
    // act
    while (Object.keys(pending).length > 0 && calls < 50) {
      calls++;
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: pending }));
      pending = out.UnprocessedItems ?? {};
    }
    // assess
    expect(await storedIds(table)).toEqual(all);
    expect(calls).toBeGreaterThan(2);
    expect(proxy.counts().byKind.unprocessedItems).toBeGreaterThan(1);
  });

  it('holds back the only entry of a single-item batch without calling dynalite', async () => {
    // prepare
    const table = await newTable();
    const { proxy, client } = await proxied([{ kind: 'unprocessedItems', probability: 1, fraction: 0.1 }]);
    // act
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: [put('solo')] } }));
    // assess
    expect(out.UnprocessedItems).toEqual({ [table]: [put('solo')] });
    expect(await storedIds(table)).toEqual([]);
    expect(proxy.counts().forwarded).toBe(0);
  });

  it('recomputes Content-Length and x-amz-crc32 of a rewritten answer', async () => {
    // prepare
    const table = await newTable();
    const { proxy } = await proxied([{ kind: 'unprocessedItems', probability: 1, fraction: 0.5 }]);
    const headers = {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': 'DynamoDB_20120810.BatchWriteItem',
    };
    // act
    const answer = await rawPost(
      proxy.endpoint,
      headers,
      JSON.stringify({ RequestItems: { [table]: ids(4, 'c').map(put) } }),
    );
    // assess
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString()).UnprocessedItems[table]).toHaveLength(2);
    expect(answer.headers['content-length']).toBe(String(answer.body.length));
    expect(answer.headers['x-amz-crc32']).toBe(String(crc32(answer.body)));
    expect(answer.headers['content-type']).toBe('application/x-amz-json-1.0');
  });

  it('reports part of a BatchGetItem as UnprocessedKeys and returns the rest', async () => {
    // prepare
    const table = await newTable();
    const all = ids(10, 'g');
    await direct.send(new BatchWriteItemCommand({ RequestItems: { [table]: all.map(put) } }));
    const { client } = await proxied([
      { kind: 'unprocessedItems', operations: ['BatchGetItem'], probability: 1, fraction: 0.3 },
    ]);
    // act
    const out = await client.send(
      new BatchGetItemCommand({ RequestItems: { [table]: { Keys: all.map(key), ConsistentRead: true } } }),
    );
    // assess
    const got = (out.Responses?.[table] ?? []).map(idOf);
    const heldKeys = out.UnprocessedKeys?.[table];
    const held = (heldKeys?.Keys ?? []).map(idOf);
    expect(held).toHaveLength(3);
    expect(heldKeys?.ConsistentRead).toBe(true);
    expect([...got, ...held].sort()).toEqual(all);
    expect(got.filter((id) => held.includes(id))).toEqual([]);
  });

  it('drops the connection after delayMs without forwarding (applied: false)', async () => {
    // prepare
    const table = await newTable();
    const { proxy, client } = await proxied([
      { kind: 'timeout', operations: ['PutItem'], delayMs: 50, applied: false, probability: 1 },
    ]);
    const handler = new NodeHttpHandler();
    const started = Date.now();
    // act
    const err = await rejectionOf(client.send(new PutItemCommand({ TableName: table, Item: key('t') })));
    const elapsed = Date.now() - started;
    const raw = await rejectionOf(handler.handle(putItemRequest(proxy.port, table)));
    handler.destroy();
    // assess
    expect(elapsed).toBeGreaterThanOrEqual(45);
    // Jest's sandbox makes the SDK wrap errors of Node's own realm, so the raw handler shows
    // what a Lambda's client sees: NodeHttpHandler's transient TimeoutError for ECONNRESET.
    expect(err.message).toMatch(/socket hang up/);
    expect(raw.name).toBe('TimeoutError');
    expect(raw['code']).toBe('ECONNRESET');
    expect(await storedIds(table)).toEqual([]);
    expect(proxy.counts()).toMatchObject({ requests: 2, forwarded: 0, byKind: { timeout: 2 } });
  });

  it('applies the write, then drops the connection (applied: true); the SDK retries it as transient', async () => {
    // prepare
    const table = await newTable();
    const rule: ProxyFaultRule = {
      kind: 'timeout',
      operations: ['PutItem'],
      delayMs: 20,
      applied: true,
      probability: 1,
      maxInjections: 1,
    };
    const { client: once } = await proxied([rule]);
    const { proxy, client: retrying } = await proxied([rule], { maxAttempts: 2 });
    // act
    const err = await rejectionOf(once.send(new PutItemCommand({ TableName: table, Item: key('applied') })));
    const retried = await retrying.send(new PutItemCommand({ TableName: table, Item: key('retried') }));
    // assess
    expect(err.message).toMatch(/socket hang up/);
    expect(retried.$metadata.attempts).toBe(2);
    expect(await storedIds(table)).toEqual(['applied', 'retried']);
    expect(proxy.counts()).toMatchObject({ requests: 2, forwarded: 2, byKind: { timeout: 1 } });
  });

  it('holds a request for its delay, then forwards it: a later request overtakes it', async () => {
    // prepare: the first PutItem is held 300 ms, the second is not
    const table = await newTable();
    const { proxy, client } = await proxied([
      { kind: 'delay', operations: ['PutItem'], minDelayMs: 300, maxDelayMs: 300, probability: 1, maxInjections: 1 },
    ]);
    const item = (v: string) => ({ ...key('raced'), v: { S: v } });
    const answered: string[] = [];
    // act
    const first = client
      .send(new PutItemCommand({ TableName: table, Item: item('first') }))
      .then(() => answered.push('first'));
    await new Promise((r) => setTimeout(r, 20));
    await client.send(new PutItemCommand({ TableName: table, Item: item('second') }));
    answered.push('second');
    await first;
    // assess: the held write landed last and overwrote the one sent after it
    const stored = await direct.send(new GetItemCommand({ TableName: table, Key: key('raced'), ConsistentRead: true }));
    expect(answered).toEqual(['second', 'first']);
    expect(stored.Item?.['v']?.S).toBe('first');
    expect(proxy.counts()).toMatchObject({ requests: 2, forwarded: 2, byKind: { delay: 1 } });
  });
});
