// Ingest handler: accepted posts land on kinesalite keyed by postId; every class of unusable
// request gets its status and a JSON error naming the problem.
import { GetRecordsCommand, GetShardIteratorCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { ensureStream, makeKinesisClient, startKinesalite, type RunningEmulator } from '@streamlens/emulators';
import { KinesisProducer } from '@streamlens/kinesis';
import { decodePost } from '@streamlens/schemas';
import { makeSocialPost } from '@streamlens/testing';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { makeIngestHandler, type IngestResponse } from '../src/ingest/ingest-handler';

const { deaggregateSync } = require('aws-kinesis-agg') as {
  deaggregateSync(
    r: { partitionKey: string; sequenceNumber: string; data: string },
    checksums: boolean,
    cb: (e: Error | null, rs?: { partitionKey: string; data: string }[]) => void,
  ): void;
};

const STREAM = 'ingest-test';
let kinesalite: RunningEmulator;
let client: KinesisClient;
let producer: KinesisProducer;
let handle: ReturnType<typeof makeIngestHandler>;

beforeAll(async () => {
  kinesalite = await startKinesalite();
  client = makeKinesisClient(kinesalite.endpoint);
  await ensureStream(client, STREAM, 1);
  producer = new KinesisProducer({ client, streamName: STREAM, maxBufferedTimeMs: 10 });
  handle = makeIngestHandler({ sink: producer, limits: { maxBodyBytes: 64 * 1024, maxLines: 50 } });
});

afterAll(async () => {
  await producer.close();
  client.destroy();
  await kinesalite.close();
});

function request(
  body: string,
  contentType = 'application/x-ndjson',
  extra: Partial<APIGatewayProxyEventV2> = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: { 'Content-Type': contentType },
    requestContext: {
      http: { method: 'POST', path: '/', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
    },
    body,
    isBase64Encoded: false,
    ...extra,
  } as APIGatewayProxyEventV2;
}

async function readStream(): Promise<{ partitionKey: string; text: string }[]> {
  const it = await client.send(
    new GetShardIteratorCommand({
      StreamName: STREAM,
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'TRIM_HORIZON',
    }),
  );
  const page = await client.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
  const out: { partitionKey: string; text: string }[] = [];
  for (const r of page.Records ?? []) {
    deaggregateSync(
      {
        partitionKey: r.PartitionKey as string,
        sequenceNumber: r.SequenceNumber as string,
        data: Buffer.from(r.Data as Uint8Array).toString('base64'),
      },
      true,
      (err, rs) => {
        if (err) throw err;
        for (const u of rs ?? [])
          out.push({ partitionKey: u.partitionKey, text: Buffer.from(u.data, 'base64').toString('utf8') });
      },
    );
  }
  return out;
}

describe('ingest handler', () => {
  it('puts valid NDJSON lines keyed by postId and reports invalid lines with their number and every issue', async () => {
    // prepare: line 2 is not JSON, line 4 is blank, line 5 breaks two fields
    const a = makeSocialPost({}, 1);
    const b = makeSocialPost({}, 2);
    const body = [
      JSON.stringify(a),
      '{"postId": ',
      JSON.stringify(b),
      '',
      JSON.stringify({ ...a, postId: '', createdAt: 'soon' }),
    ].join('\r\n');

    // act
    const response = await handle(request(body));
    const stored = await readStream();

    // assess
    expect(response.statusCode).toBe(200);
    const result = JSON.parse(response.body as string) as IngestResponse;
    expect(result).toMatchObject({ accepted: 2, rejected: 2, failed: 0 });
    expect(result.results[0]).toMatchObject({
      line: 1,
      status: 'accepted',
      postId: a.postId,
      shardId: 'shardId-000000000000',
    });
    expect(result.results[0]).toHaveProperty('sequenceNumber', expect.stringMatching(/^\d+$/));
    expect(result.results[1]).toMatchObject({
      line: 2,
      status: 'rejected',
      reasons: [{ path: '$', message: expect.stringMatching(/^not JSON/) }],
    });
    expect(result.results[3]).toMatchObject({ line: 5, status: 'rejected' });
    const paths = (result.results[3] as unknown as { reasons: { path: string }[] }).reasons.map((r) => r.path).sort();
    expect(paths).toEqual(['createdAt', 'postId']);
    expect(stored.map((s) => s.partitionKey)).toEqual([a.postId, b.postId]);
    expect(decodePost(Buffer.from(stored[0]?.text as string))).toEqual(decodePost(Buffer.from(JSON.stringify(a))));
  });

  it('accepts a JSON array, base64-encoded, numbering elements from 1', async () => {
    // prepare
    const posts = [makeSocialPost({}, 3), { schemaVersion: 99 }];
    const body = Buffer.from(JSON.stringify(posts)).toString('base64');

    // act
    const response = await handle(request(body, 'application/json; charset=utf-8', { isBase64Encoded: true }));

    // assess
    const result = JSON.parse(response.body as string) as IngestResponse;
    expect(response.statusCode).toBe(200);
    expect(result.results.map((r) => [r.line, r.status])).toEqual([
      [1, 'accepted'],
      [2, 'rejected'],
    ]);
    expect(JSON.stringify(result.results[1])).toContain('schemaVersion');
  });

  const post = JSON.stringify(makeSocialPost({}, 4));
  it.each([
    ['empty body', request('  \n\n'), 400, 'EmptyBody', /body is empty/],
    ['empty JSON array', request('[]', 'application/json'), 400, 'EmptyBody', /array is empty/],
    [
      'wrong content type',
      request(post, 'text/plain'),
      415,
      'UnsupportedMediaType',
      /"text\/plain" is not supported; use application\/x-ndjson or application\/json/,
    ],
    ['missing content type', request(post, ''), 415, 'UnsupportedMediaType', /\(none\)/],
    [
      'invalid base64',
      request('not*base64!', 'application/x-ndjson', { isBase64Encoded: true }),
      400,
      'InvalidBase64',
      /not valid base64/,
    ],
    [
      'base64 of bytes that are not UTF-8',
      request(Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'), 'application/x-ndjson', { isBase64Encoded: true }),
      400,
      'InvalidUtf8',
      /not valid UTF-8/,
    ],
    ['JSON body that is not JSON', request('[{', 'application/json'), 400, 'InvalidJson', /body is not JSON/],
    ['JSON body that is not an array', request(post, 'application/json'), 400, 'InvalidJson', /must be a JSON array/],
    [
      'body over the byte limit',
      request('x'.repeat(64 * 1024 + 1)),
      413,
      'PayloadTooLarge',
      /65537 bytes; the limit is 65536 bytes/,
    ],
    [
      'base64 body over the byte limit',
      request(Buffer.alloc(70_000).toString('base64'), 'application/x-ndjson', { isBase64Encoded: true }),
      413,
      'PayloadTooLarge',
      /the limit is 65536 bytes/,
    ],
    [
      'more lines than the limit',
      request(Array.from({ length: 51 }, () => '{}').join('\n')),
      413,
      'TooManyLines',
      /51 posts; the limit is 50/,
    ],
    [
      'more array elements than the limit',
      request(JSON.stringify(Array.from({ length: 51 }, () => ({}))), 'application/json'),
      413,
      'TooManyLines',
      /51 posts/,
    ],
    [
      'a GET',
      request(post, 'application/x-ndjson', {
        requestContext: { http: { method: 'GET' } } as APIGatewayProxyEventV2['requestContext'],
      }),
      405,
      'MethodNotAllowed',
      /method GET/,
    ],
  ])('refuses %s', async (_name, event, status, error, message) => {
    // act
    const response = await handle(event);

    // assess
    expect(response.statusCode).toBe(status);
    expect(response.headers?.['content-type']).toMatch(/application\/json/);
    const body = JSON.parse(response.body as string) as { error: string; message: string };
    expect(body.error).toBe(error);
    expect(body.message).toMatch(message);
  });
});
