import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable, makeDynamoClient, startDynalite, type RunningEmulator } from '@streamlens/emulators';
import { TABLE_SPECS } from '@streamlens/tables';
import { FaultProxyOptionError, startFaultProxy, type FaultProxyOptions, type ProxyFaultRule } from '../../src';
import { deadPort, rawPost, rejectionOf } from './helpers';

const TABLE = 'robustness';
let dynalite: RunningEmulator;
let direct: DynamoDBClient;

beforeAll(async () => {
  dynalite = await startDynalite();
  direct = makeDynamoClient(dynalite.endpoint);
  await ensureTable(direct, TABLE, TABLE_SPECS.posts);
});

afterAll(async () => {
  direct.destroy();
  await dynalite.close();
});

const key = (id: string) => ({ pk: { S: id }, sk: { S: 'x' } });

describe('fault proxy options', () => {
  const target = 'http://127.0.0.1:4567';
  const cases: [string, Partial<FaultProxyOptions> & Record<string, unknown>, string][] = [
    ['https target', { target: 'https://127.0.0.1:443' }, 'target must be an http://host:port URL'],
    ['target without port', { target: 'http://localhost' }, 'target must be an http://host:port URL'],
    ['fractional seed', { seed: 1.5 }, 'seed must be an integer, got 1.5'],
    ['negative port', { port: -1 }, 'port must be an integer in 0..65535, got -1'],
    ['rules not an array', { rules: {} as never }, 'rules must be an array'],
    [
      'unknown kind',
      { rules: [{ kind: 'latency', probability: 1 } as never] },
      'rules[0].kind must be one of error, unprocessedItems, failedRecords, timeout, delay, got "latency"',
    ],
    [
      'probability above 1',
      {
        rules: [
          { kind: 'timeout', operations: ['PutItem'], delayMs: 1, applied: false, probability: 0.5 },
          { kind: 'failedRecords', fraction: 0.1, probability: 0 },
          { kind: 'unprocessedItems', fraction: 0.1, probability: 1.5 },
        ],
      },
      'rules[2].probability must be a number in 0..1, got 1.5',
    ],
    [
      'fraction',
      { rules: [{ kind: 'failedRecords', fraction: 2, probability: 1 }] },
      'rules[0].fraction must be a number in 0..1, got 2',
    ],
    [
      'maxInjections',
      { rules: [{ kind: 'failedRecords', fraction: 0.5, probability: 1, maxInjections: -1 }] },
      'rules[0].maxInjections must be a non-negative integer',
    ],
    [
      'empty operations',
      { rules: [{ kind: 'error', operations: [], error: 'ThrottlingException', probability: 1 }] },
      'rules[0].operations must list at least one operation',
    ],
    [
      'operation name',
      { rules: [{ kind: 'error', operations: ['putItem'], error: 'ThrottlingException', probability: 1 }] },
      'rules[0].operations[0] must be an operation name',
    ],
    [
      'unprocessed operation',
      { rules: [{ kind: 'unprocessedItems', operations: ['PutItem'] as never, fraction: 0.5, probability: 1 }] },
      'rules[0].operations[0] must be one of BatchWriteItem, BatchGetItem',
    ],
    [
      'unknown error',
      { rules: [{ kind: 'error', operations: ['PutItem'], error: 'Boom' as never, probability: 1 }] },
      'rules[0].error must be one of',
    ],
    [
      'errorCode',
      { rules: [{ kind: 'failedRecords', fraction: 0.5, errorCode: 'Nope' as never, probability: 1 }] },
      'rules[0].errorCode must be one of',
    ],
    [
      'delayMs',
      { rules: [{ kind: 'timeout', operations: ['PutItem'], delayMs: -5, applied: true, probability: 1 }] },
      'rules[0].delayMs must be a non-negative number of ms, got -5',
    ],
    [
      'delay bounds',
      { rules: [{ kind: 'delay', operations: ['PutItem'], minDelayMs: 10, maxDelayMs: 5, probability: 1 }] },
      'rules[0].maxDelayMs must be a number of ms not below minDelayMs, got 5',
    ],
    [
      'applied missing',
      { rules: [{ kind: 'timeout', operations: ['PutItem'], delayMs: 5, probability: 1 } as never] },
      'rules[0].applied must be true',
    ],
  ];

  it.each(cases)('rejects %s naming the field', async (_label, override, message) => {
    // prepare
    const options = { target, seed: 1, rules: [], ...override } as FaultProxyOptions;
    // act
    const err = await rejectionOf(startFaultProxy(options));
    // assess
    expect(err).toBeInstanceOf(FaultProxyOptionError);
    expect(err.message).toContain(message);
  });

  it('rejects a bad setTarget and keeps the old target', async () => {
    // prepare
    const proxy = await startFaultProxy({ target: dynalite.endpoint, seed: 1, rules: [] });
    const client = makeDynamoClient(proxy.endpoint);
    // act
    const thrown = (() => {
      try {
        proxy.setTarget('ftp://example');
        return undefined;
      } catch (err) {
        return err as Error;
      }
    })();
    const out = await client.send(new ListTablesCommand({}));
    client.destroy();
    await proxy.close();
    // assess
    expect(thrown).toBeInstanceOf(FaultProxyOptionError);
    expect(thrown?.message).toBe(
      'fault proxy: target must be an http://host:port URL of the emulator, got "ftp://example"',
    );
    expect(out.TableNames).toContain(TABLE);
  });
});

describe('fault proxy determinism', () => {
  const rules: ProxyFaultRule[] = [
    { kind: 'error', operations: ['PutItem'], error: 'ThrottlingException', probability: 0.3 },
    { kind: 'timeout', operations: ['PutItem'], delayMs: 0, applied: false, probability: 0.2 },
  ];

  /** Outcome per request of 16 sequential PutItems through a proxy seeded with `seed`. */
  async function run(seed: number): Promise<{ outcomes: string[]; kinds: string[]; counts: object }> {
    const proxy = await startFaultProxy({ target: dynalite.endpoint, seed, rules });
    const client = makeDynamoClient(proxy.endpoint);
    const outcomes: string[] = [];
    for (let i = 0; i < 16; i++) {
      outcomes.push(
        await client.send(new PutItemCommand({ TableName: TABLE, Item: key(`d${i}`) })).then(
          () => 'ok',
          (err: Error) => (/socket hang up/.test(err.message) ? 'dropped' : err.name),
        ),
      );
    }
    const result = { outcomes, kinds: proxy.injections().map((i) => `${i.request}:${i.kind}`), counts: proxy.counts() };
    client.destroy();
    await proxy.close();
    return result;
  }

  it('injects the same sequence for the same seed and counts it', async () => {
    // act
    const first = await run(42);
    const again = await run(42);
    const other = await run(43);
    // assess
    expect(again).toEqual(first);
    expect(other.outcomes).not.toEqual(first.outcomes);
    const throttled = first.outcomes.filter((o) => o === 'ThrottlingException').length;
    const dropped = first.outcomes.filter((o) => o === 'dropped').length;
    expect(throttled).toBeGreaterThan(0);
    expect(dropped).toBeGreaterThan(0);
    expect(first.counts).toEqual({
      requests: 16,
      forwarded: 16 - throttled - dropped,
      upstreamErrors: 0,
      byKind: { error: throttled, unprocessedItems: 0, failedRecords: 0, timeout: dropped, delay: 0 },
      byOperation: { PutItem: { error: throttled, timeout: dropped } },
      unprocessedEntries: 0,
      failedRecordEntries: 0,
    });
    expect(first.kinds).toEqual(
      first.outcomes.flatMap((o, i) => (o === 'ok' ? [] : [`${i + 1}:${o === 'dropped' ? 'timeout' : 'error'}`])),
    );
  });
});

describe('fault proxy robustness', () => {
  it('survives a garbage body: the emulator answers it, the proxy keeps serving', async () => {
    // prepare
    const proxy = await startFaultProxy({
      target: dynalite.endpoint,
      seed: 1,
      rules: [{ kind: 'unprocessedItems', probability: 1, fraction: 0.5 }],
    });
    const client = makeDynamoClient(proxy.endpoint);
    const headers = {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': 'DynamoDB_20120810.BatchWriteItem',
    };
    // act
    const garbage = await rawPost(proxy.endpoint, headers, '{"RequestItems": [not json');
    const wrongShape = await rawPost(proxy.endpoint, headers, '{"RequestItems": 7}');
    const after = await client.send(new ListTablesCommand({}));
    client.destroy();
    await proxy.close();
    // assess
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body.toString())).toEqual({ __type: 'com.amazon.coral.service#SerializationException' });
    expect(wrongShape.status).toBe(400);
    expect(after.TableNames).toContain(TABLE);
    expect(proxy.counts().byKind.unprocessedItems).toBe(0);
  });

  it('answers 502 while the emulator is down and recovers after setTarget', async () => {
    // prepare
    const proxy = await startFaultProxy({ target: `http://127.0.0.1:${await deadPort()}`, seed: 1, rules: [] });
    const client = makeDynamoClient(proxy.endpoint);
    // act
    const down = await rejectionOf(client.send(new GetItemCommand({ TableName: TABLE, Key: key('x') })));
    const raw = await rawPost(
      proxy.endpoint,
      { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.ListTables' },
      '{}',
    );
    proxy.setTarget(dynalite.endpoint);
    const up = await client.send(new ListTablesCommand({}));
    client.destroy();
    // assess
    expect(down['$metadata']).toMatchObject({ httpStatusCode: 502 });
    expect(down.name).toBe('FaultProxyError');
    expect(raw.status).toBe(502);
    expect(JSON.parse(raw.body.toString()).message).toMatch(/could not relay to 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    expect(up.TableNames).toContain(TABLE);
    expect(proxy.counts()).toMatchObject({ requests: 3, forwarded: 3, upstreamErrors: 2 });
    await proxy.close();
  });

  it('closes idempotently, dropping held connections', async () => {
    // prepare
    const proxy = await startFaultProxy({
      target: dynalite.endpoint,
      seed: 1,
      rules: [{ kind: 'timeout', operations: ['GetItem'], delayMs: 60_000, applied: false, probability: 1 }],
    });
    const client = makeDynamoClient(proxy.endpoint);
    const held = rejectionOf(client.send(new GetItemCommand({ TableName: TABLE, Key: key('x') })));
    await new Promise((r) => setTimeout(r, 50));
    // act
    await Promise.all([proxy.close(), proxy.close()]);
    await proxy.close();
    const err = await held;
    const refused = await rejectionOf(rawPost(proxy.endpoint, {}, ''));
    client.destroy();
    // assess
    expect(err.message).toMatch(/socket hang up/);
    expect(refused.message).toMatch(/ECONNREFUSED/);
  });
});
