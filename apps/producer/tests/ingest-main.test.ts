// The deployed ingest function as its entry point wires it: `streamlens:producer` reaches the
// producer through the environment the stack builds (aggregation, TTL, rate limits), so a stack
// with `aggregation: false` puts plain JSON records its data filters can match.
import { GetRecordsCommand, GetShardIteratorCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { functionEnvironment, parseStackConfig } from '@streamlens/config';
import {
  ensureStream,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  makeKinesisClient,
  startKinesalite,
  type RunningEmulator,
} from '@streamlens/emulators';
import { makeSocialPost } from '@streamlens/testing';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const KPL_MAGIC = Buffer.from([0xf3, 0x89, 0x9a, 0xc2]);
let kinesalite: RunningEmulator;
let client: KinesisClient;

beforeAll(async () => {
  kinesalite = await startKinesalite();
  client = makeKinesisClient(kinesalite.endpoint);
});

afterAll(async () => {
  client.destroy();
  await kinesalite.close();
});

type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

const savedEnv = process.env;
afterEach(() => {
  process.env = savedEnv;
});

/** Loads src/main.ts with the environment the stack builds for the ingest function (kept for the test: the SDK reads it lazily). */
function loadIngest(env: Record<string, string>): Handler {
  process.env = {
    ...savedEnv,
    ...env,
    AWS_ENDPOINT_URL_KINESIS: kinesalite.endpoint,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_REGION: LOCAL_REGION,
  };
  let handler: Handler | undefined;
  jest.isolateModules(() => {
    handler = (require('../src/main') as { handler: Handler }).handler;
  });
  return handler as Handler;
}

async function rawRecords(streamName: string): Promise<Buffer[]> {
  const it = await client.send(
    new GetShardIteratorCommand({
      StreamName: streamName,
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'TRIM_HORIZON',
    }),
  );
  const page = await client.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
  return (page.Records ?? []).map((r) => Buffer.from(r.Data as Uint8Array));
}

function ndjsonRequest(lines: readonly string[]): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: { 'content-type': 'application/x-ndjson' },
    requestContext: {
      http: { method: 'POST', path: '/', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 't' },
    },
    body: lines.join('\n'),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

describe('ingest entry point', () => {
  it.each([
    [false, 'every post is its own JSON record'],
    [true, 'posts travel in KPL aggregates'],
  ])('with streamlens:producer.aggregation %s, %s', async (aggregation, _what) => {
    // prepare
    const streamName = `ingest-main-${aggregation}`;
    await ensureStream(client, streamName, 1);
    const config = parseStackConfig({ producer: { aggregation, recordTtlMs: 20_000, maxBufferedTimeMs: 5 } });
    const names = { postsTable: 'p', trendsTable: 't', quarantineTable: 'q', alertsTable: 'a', streamName };
    const handler = loadIngest({ ...functionEnvironment(config, 'ingest', names) });
    const posts = [1, 2, 3].map((i) => makeSocialPost({}, i));
    // act
    const response = await handler(ndjsonRequest(posts.map((p) => JSON.stringify(p))));
    // assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body as string)).toMatchObject({ accepted: 3, failed: 0 });
    const records = await rawRecords(streamName);
    const aggregated = records.filter((r) => r.subarray(0, 4).equals(KPL_MAGIC));
    if (aggregation) {
      expect(aggregated.length).toBeGreaterThan(0);
    } else {
      expect(aggregated).toHaveLength(0);
      expect(records.map((r) => (JSON.parse(r.toString('utf8')) as { postId: string }).postId).sort()).toEqual(
        posts.map((p) => p.postId).sort(),
      );
    }
  });

  it("answers as soon as the request is put, whatever the buffering time: the request's posts go out together", async () => {
    // prepare: a buffer that would hold records for a minute
    const streamName = 'ingest-main-flush';
    await ensureStream(client, streamName, 1);
    const config = parseStackConfig({
      producer: { aggregation: true, recordTtlMs: 120_000, maxBufferedTimeMs: 60_000 },
    });
    const names = { postsTable: 'p', trendsTable: 't', quarantineTable: 'q', alertsTable: 'a', streamName };
    const handler = loadIngest({ ...functionEnvironment(config, 'ingest', names) });
    const posts = [1, 2, 3, 4].map((i) => makeSocialPost({}, i));
    // act: within the test's 15 s limit, far below the buffering time
    const response = await handler(ndjsonRequest(posts.map((p) => JSON.stringify(p))));
    // assess
    expect(JSON.parse(response.body as string)).toMatchObject({ accepted: 4, failed: 0 });
    const records = await rawRecords(streamName);
    expect(records).toHaveLength(1);
    expect(records[0]?.subarray(0, 4).equals(KPL_MAGIC)).toBe(true);
  }, 15_000);
});
