// Bad input sweep, ingest edge: hostile requests (oversized, deeply nested, not UTF-8,
// prototype-pollution keys, out-of-range numbers, wrong types, BOM, NUL, control characters or
// blanks in identifiers) each get a 4xx JSON error naming the problem or a per-line rejection
// with its line number — never a 500, never an accepted post, never a polluted Object.prototype.
import type { PutResult, UserRecord } from '@streamlens/kinesis';
import { makeSocialPost } from '@streamlens/testing';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { makeIngestHandler, type IngestResponse, type PostSink } from '../src/ingest/ingest-handler';

const LIMITS = { maxBodyBytes: 1024 * 1024, maxLines: 50 } as const;
const DEPTH = 100_000;

/** Sink that keeps every record handed to it: a hostile case must leave it empty. */
class RecordingSink implements PostSink {
  readonly records: UserRecord[] = [];
  async put(record: UserRecord): Promise<PutResult> {
    this.records.push(record);
    return { shardId: 'shardId-000000000000', sequenceNumber: String(this.records.length) };
  }
}

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

const base64 = (bytes: Uint8Array | string, contentType = 'application/x-ndjson') =>
  request(Buffer.from(bytes).toString('base64'), contentType, { isBase64Encoded: true });

/** JSON text of a valid post with `extra` spliced in as raw JSON members (so keys like __proto__ are own keys). */
function postWith(extra: string, overrides: Record<string, unknown> = {}): string {
  const text = JSON.stringify({ ...makeSocialPost({}, 7), ...overrides });
  return `${text.slice(0, -1)},${extra}}`;
}

/** JSON text of a valid post whose `path` (dotted) is replaced by raw JSON `value`. */
function postWithRaw(path: string, value: string): string {
  const post = JSON.parse(JSON.stringify(makeSocialPost({}, 7))) as Record<string, Record<string, unknown>>;
  const marker = '"@@RAW@@"';
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) (post as Record<string, unknown>)[head] = '@@RAW@@';
  else post[head] = { ...(post[head] ?? {}), [tail]: '@@RAW@@' };
  return JSON.stringify(post).replace(marker, value);
}

interface ProblemCase {
  readonly name: string;
  readonly event: () => APIGatewayProxyEventV2;
  readonly status: number;
  readonly error: string;
  readonly message: RegExp;
}

interface LineCase {
  readonly name: string;
  readonly event: () => APIGatewayProxyEventV2;
  /** Every item is rejected: line number → a reason path and a message pattern. */
  readonly rejected: Record<number, { path: string; message: RegExp }>;
}

const PROBLEMS: ProblemCase[] = [
  {
    name: 'NDJSON body over the limit',
    event: () => request('x'.repeat(LIMITS.maxBodyBytes + 1)),
    status: 413,
    error: 'PayloadTooLarge',
    message: /1048577 bytes; the limit is 1048576/,
  },
  {
    name: 'one huge line of multi-byte characters over the limit',
    event: () => request(`{"text":"${'é'.repeat(LIMITS.maxBodyBytes / 2 + 1)}"}`),
    status: 413,
    error: 'PayloadTooLarge',
    message: /the limit is 1048576 bytes/,
  },
  {
    name: 'base64 body over the limit',
    event: () => base64(new Uint8Array(LIMITS.maxBodyBytes + 3).fill(0x20)),
    status: 413,
    error: 'PayloadTooLarge',
    message: /the limit is 1048576 bytes/,
  },
  {
    name: 'more lines than allowed',
    event: () => request('{}\n'.repeat(LIMITS.maxLines + 1)),
    status: 413,
    error: 'TooManyLines',
    message: /51 posts; the limit is 50/,
  },
  {
    name: 'JSON array longer than allowed',
    event: () => request(JSON.stringify(new Array(LIMITS.maxLines + 1).fill({})), 'application/json'),
    status: 413,
    error: 'TooManyLines',
    message: /51 posts/,
  },
  { name: 'empty body', event: () => request(''), status: 400, error: 'EmptyBody', message: /body is empty/ },
  {
    name: 'missing body',
    event: () => request('', 'application/x-ndjson', { body: undefined }),
    status: 400,
    error: 'EmptyBody',
    message: /body is empty/,
  },
  {
    name: 'whitespace-only body',
    event: () => request(' \r\n\t\n'),
    status: 400,
    error: 'EmptyBody',
    message: /body is empty/,
  },
  {
    name: 'empty JSON array',
    event: () => request('[]', 'application/json'),
    status: 400,
    error: 'EmptyBody',
    message: /array is empty/,
  },
  {
    name: 'JSON object instead of an array',
    event: () => request(JSON.stringify(makeSocialPost({}, 1)), 'application/json'),
    status: 400,
    error: 'InvalidJson',
    message: /must be a JSON array/,
  },
  {
    name: 'JSON null body',
    event: () => request('null', 'application/json'),
    status: 400,
    error: 'InvalidJson',
    message: /must be a JSON array/,
  },
  {
    name: `${DEPTH} unclosed [ as a JSON body`,
    event: () => request('['.repeat(DEPTH), 'application/json'),
    status: 400,
    error: 'InvalidJson',
    message: /body is not JSON/,
  },
  {
    name: 'JSON body with a NUL byte',
    event: () => request('[{}]\u0000', 'application/json'),
    status: 400,
    error: 'InvalidJson',
    message: /body is not JSON/,
  },
  {
    name: 'JSON body starting with two BOMs (one is dropped)',
    event: () => request('\ufeff\ufeff[{}]', 'application/json'),
    status: 400,
    error: 'InvalidJson',
    message: /body is not JSON/,
  },
  {
    name: 'base64 JSON body starting with two BOMs (one is dropped)',
    event: () => base64('\ufeff\ufeff[{}]', 'application/json'),
    status: 400,
    error: 'InvalidJson',
    message: /body is not JSON/,
  },
  {
    name: 'invalid UTF-8 (lone 0xFF)',
    event: () => base64(Buffer.from([0x7b, 0x7d, 0x0a, 0xff, 0x0a])),
    status: 400,
    error: 'InvalidUtf8',
    message: /not valid UTF-8/,
  },
  {
    name: 'invalid UTF-8 (overlong NUL C0 80)',
    event: () => base64(Buffer.from([0x22, 0xc0, 0x80, 0x22])),
    status: 400,
    error: 'InvalidUtf8',
    message: /not valid UTF-8/,
  },
  {
    name: 'invalid UTF-8 (encoded surrogate ED A0 80)',
    event: () => base64(Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22])),
    status: 400,
    error: 'InvalidUtf8',
    message: /not valid UTF-8/,
  },
  {
    name: 'invalid UTF-8 (truncated sequence)',
    event: () => base64(Buffer.from([0x22, 0xe2, 0x82])),
    status: 400,
    error: 'InvalidUtf8',
    message: /not valid UTF-8/,
  },
  {
    name: 'base64 flag on text that is not base64',
    event: () => request('{"a":1}', 'application/x-ndjson', { isBase64Encoded: true }),
    status: 400,
    error: 'InvalidBase64',
    message: /not valid base64/,
  },
  {
    name: 'GET instead of POST',
    event: () =>
      request('{}', 'application/x-ndjson', {
        requestContext: { http: { method: 'GET' } } as APIGatewayProxyEventV2['requestContext'],
      }),
    status: 405,
    error: 'MethodNotAllowed',
    message: /method GET/,
  },
  {
    name: 'content-type text/plain',
    event: () => request('{}', 'text/plain'),
    status: 415,
    error: 'UnsupportedMediaType',
    message: /"text\/plain" is not supported/,
  },
  {
    name: 'no headers at all',
    event: () =>
      request('{}', 'application/x-ndjson', { headers: undefined as unknown as APIGatewayProxyEventV2['headers'] }),
    status: 415,
    error: 'UnsupportedMediaType',
    message: /\(none\)/,
  },
];

const LINES: LineCase[] = [
  {
    name: `${DEPTH} unclosed [ on one line`,
    event: () => request(`${'['.repeat(DEPTH)}\n{}`),
    rejected: { 1: { path: '$', message: /^not JSON/ }, 2: { path: 'postId', message: /got nothing/ } },
  },
  {
    name: `${DEPTH} nested arrays, closed`,
    event: () => request(`${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`),
    rejected: { 1: { path: '$', message: /expected object, got array/ } },
  },
  {
    name: `${DEPTH} nested objects, closed`,
    event: () => request(`${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`),
    rejected: { 1: { path: 'postId', message: /expected non-empty string/ } },
  },
  {
    name: `${DEPTH} nested arrays as the author`,
    event: () => request(postWithRaw('author', `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`)),
    rejected: { 1: { path: 'author', message: /expected object, got array/ } },
  },
  {
    name: `${DEPTH} nested arrays in a JSON-array body`,
    event: () => request(`[${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}]`, 'application/json'),
    rejected: { 1: { path: '$', message: /expected object, got array/ } },
  },
  {
    name: 'top-level __proto__',
    event: () => request(postWith('"__proto__":{"polluted":true}')),
    rejected: { 1: { path: '__proto__', message: /forbidden key/ } },
  },
  {
    name: 'top-level constructor',
    event: () => request(postWith('"constructor":{"prototype":{"polluted":true}}')),
    rejected: { 1: { path: 'constructor', message: /forbidden key/ } },
  },
  {
    name: 'top-level prototype',
    event: () => request(postWith('"prototype":{"polluted":true}')),
    rejected: { 1: { path: 'prototype', message: /forbidden key/ } },
  },
  {
    name: '__proto__ inside author',
    event: () => request(postWithRaw('author', '{"id":"a1","handle":"h","__proto__":{"polluted":true}}')),
    rejected: { 1: { path: 'author.__proto__', message: /forbidden key/ } },
  },
  {
    name: 'constructor inside engagement',
    event: () => request(postWithRaw('engagement', '{"likes":1,"constructor":{"prototype":{"polluted":true}}}')),
    rejected: { 1: { path: 'engagement.constructor', message: /forbidden key/ } },
  },
  {
    name: '__proto__ in an element of a JSON-array body',
    event: () => request(`[${postWith('"__proto__":{"polluted":true}')}]`, 'application/json'),
    rejected: { 1: { path: '__proto__', message: /forbidden key/ } },
  },
  {
    name: 'engagement.likes 1e309 (Infinity)',
    event: () => request(postWithRaw('engagement', '{"likes":1e309}')),
    rejected: { 1: { path: 'engagement.likes', message: /non-negative safe integer, got Infinity/ } },
  },
  {
    name: 'engagement.likes -1',
    event: () => request(postWithRaw('engagement', '{"likes":-1}')),
    rejected: { 1: { path: 'engagement.likes', message: /got -1/ } },
  },
  {
    name: 'engagement.likes 2^53+1',
    event: () => request(postWithRaw('engagement', '{"likes":9007199254740993}')),
    rejected: { 1: { path: 'engagement.likes', message: /safe integer/ } },
  },
  {
    name: 'engagement.replies 1.5',
    event: () => request(postWithRaw('engagement', '{"replies":1.5}')),
    rejected: { 1: { path: 'engagement.replies', message: /got 1.5/ } },
  },
  {
    name: 'engagement.reposts "NaN"',
    event: () => request(postWithRaw('engagement', '{"reposts":"NaN"}')),
    rejected: { 1: { path: 'engagement.reposts', message: /got "NaN"/ } },
  },
  {
    name: 'bare NaN literal',
    event: () => request(postWithRaw('engagement', '{"likes":NaN}')),
    rejected: { 1: { path: '$', message: /^not JSON/ } },
  },
  {
    name: 'schemaVersion 1e309',
    event: () => request(postWithRaw('schemaVersion', '1e309')),
    rejected: { 1: { path: 'schemaVersion', message: /got Infinity/ } },
  },
  {
    name: 'schemaVersion "1"',
    event: () => request(postWithRaw('schemaVersion', '"1"')),
    rejected: { 1: { path: 'schemaVersion', message: /expected 1/ } },
  },
  {
    name: 'createdAt as a number',
    event: () => request(postWithRaw('createdAt', '1700000000000')),
    rejected: { 1: { path: 'createdAt', message: /ISO 8601/ } },
  },
  {
    name: 'createdAt with year 275760+',
    event: () => request(postWithRaw('createdAt', '"999999-01-01T00:00:00Z"')),
    rejected: { 1: { path: 'createdAt', message: /ISO 8601/ } },
  },
  {
    name: 'author as an array',
    event: () => request(postWithRaw('author', '[{"id":"a","handle":"h"}]')),
    rejected: { 1: { path: 'author', message: /got array/ } },
  },
  {
    name: 'author null',
    event: () => request(postWithRaw('author', 'null')),
    rejected: { 1: { path: 'author', message: /got null/ } },
  },
  {
    name: 'postId as a number',
    event: () => request(postWithRaw('postId', '42')),
    rejected: { 1: { path: 'postId', message: /got 42/ } },
  },
  {
    name: 'text null',
    event: () => request(postWithRaw('text', 'null')),
    rejected: { 1: { path: 'text', message: /got null/ } },
  },
  {
    name: 'engagement as a string',
    event: () => request(postWithRaw('engagement', '"lots"')),
    rejected: { 1: { path: 'engagement', message: /expected object/ } },
  },
  {
    name: 'lines that are null, an array, a string, a number and {}',
    event: () => request('null\n[]\n"post"\n42\n{}'),
    rejected: {
      1: { path: '$', message: /got null/ },
      2: { path: '$', message: /got array/ },
      3: { path: '$', message: /expected object, got "post"/ },
      4: { path: '$', message: /expected object, got 42/ },
      5: { path: 'schemaVersion', message: /expected 1/ },
    },
  },
  {
    name: 'a body starting with two BOMs (one is dropped)',
    event: () => request(`\ufeff\ufeff${JSON.stringify(makeSocialPost({}, 3))}`),
    rejected: { 1: { path: '$', message: /^not JSON/ } },
  },
  {
    name: 'a base64 body starting with two BOMs (one is dropped)',
    event: () => base64(`\ufeff\ufeff${JSON.stringify(makeSocialPost({}, 3))}`),
    rejected: { 1: { path: '$', message: /^not JSON/ } },
  },
  {
    name: 'a BOM at the start of a later line (content, not a BOM)',
    event: () => request(`\n\ufeff${JSON.stringify(makeSocialPost({}, 3))}`),
    rejected: { 2: { path: '$', message: /^not JSON/ } },
  },
  {
    name: 'a BOM at the start of a later line of a base64 body',
    event: () => base64(`\n\ufeff${JSON.stringify(makeSocialPost({}, 3))}`),
    rejected: { 2: { path: '$', message: /^not JSON/ } },
  },
  {
    name: 'a raw NUL byte between members',
    event: () => request(postWith('\u0000"x":1')),
    rejected: { 1: { path: '$', message: /^not JSON/ } },
  },
  {
    name: 'a raw NUL line among blank lines (line numbers stay physical)',
    event: () => request(`\n\n\u0000\n`),
    rejected: { 3: { path: '$', message: /^not JSON/ } },
  },
  {
    name: 'postId with an escaped NUL',
    event: () => request(postWithRaw('postId', '"p-1\\u0000"')),
    rejected: { 1: { path: 'postId', message: /^must not contain control characters \(found U\+0000 at index 3\)$/ } },
  },
  {
    name: 'postId with a C1 control',
    event: () => request(postWithRaw('postId', '"p\\u009b1"')),
    rejected: { 1: { path: 'postId', message: /^must not contain control characters \(found U\+009B at index 1\)$/ } },
  },
  {
    name: 'postId of spaces only',
    event: () => request(postWithRaw('postId', '"  "')),
    rejected: { 1: { path: 'postId', message: /^must not be blank/ } },
  },
  {
    name: 'author.handle with an escaped NUL',
    event: () => request(postWithRaw('author', '{"id":"a1","handle":"\\u0000"}')),
    rejected: {
      1: { path: 'author.handle', message: /^must not contain control characters \(found U\+0000 at index 0\)$/ },
    },
  },
  {
    name: 'author.handle of ideographic spaces only',
    event: () => request(postWithRaw('author', '{"id":"a1","handle":"\\u3000\\u3000"}')),
    rejected: {
      1: { path: 'author.handle', message: /^must not be blank \(got only whitespace or invisible characters\)$/ },
    },
  },
  {
    name: 'postId of 1,000,000 characters',
    event: () => request(postWithRaw('postId', JSON.stringify('p'.repeat(1_000_000)))),
    rejected: { 1: { path: 'postId', message: /at most 128 characters, got 1000000/ } },
  },
  {
    name: 'text over 10,000 characters',
    event: () => request(postWithRaw('text', JSON.stringify('t'.repeat(10_001)))),
    rejected: { 1: { path: 'text', message: /at most 10000 characters, got 10001/ } },
  },
  {
    name: 'an object whose only key is 1,000,000 characters long',
    event: () => request(`{${JSON.stringify('k'.repeat(1_000_000))}:1}`),
    rejected: { 1: { path: 'schemaVersion', message: /expected 1/ } },
  },
  {
    name: 'handle with a long key in author but no handle',
    event: () => request(postWithRaw('author', `{"id":"a1",${JSON.stringify('h'.repeat(500_000))}:"x"}`)),
    rejected: { 1: { path: 'author.handle', message: /expected non-empty string/ } },
  },
];

describe('ingest handler: hostile input sweep', () => {
  let sink: RecordingSink;
  let handle: ReturnType<typeof makeIngestHandler>;

  beforeEach(() => {
    sink = new RecordingSink();
    handle = makeIngestHandler({ sink, limits: LIMITS });
  });

  afterEach(() => {
    // assess (every case): nothing polluted the shared prototype
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it.each(PROBLEMS)('unusable request: $name → $status $error', async ({ event, status, error, message }) => {
    // prepare
    const ev = event();

    // act
    const response = (await handle(ev)) as APIGatewayProxyStructuredResultV2;

    // assess
    expect(response.statusCode).toBe(status);
    expect(response.headers?.['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(response.body as string) as { error: string; message: string };
    expect(body.error).toBe(error);
    expect(body.message).toMatch(message);
    expect(sink.records).toHaveLength(0);
  });

  it.each(LINES)('rejected line: $name', async ({ event, rejected }) => {
    // prepare
    const ev = event();
    const lines = Object.keys(rejected).map(Number);

    // act
    const response = (await handle(ev)) as APIGatewayProxyStructuredResultV2;

    // assess
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body as string) as IngestResponse;
    expect(body).toMatchObject({ accepted: 0, rejected: lines.length, failed: 0 });
    expect(body.results.map((r) => r.line)).toEqual(lines);
    for (const r of body.results) {
      const want = rejected[r.line] as { path: string; message: RegExp };
      if (r.status !== 'rejected') throw new Error(`line ${r.line} was ${r.status}, expected rejected`);
      expect(r.reasons).toContainEqual({ path: want.path, message: expect.stringMatching(want.message) });
    }
    expect(sink.records).toHaveLength(0);
  });

  // One leading UTF-8 BOM is tolerated, in plain and base64 bodies alike (it used to be dropped
  // from base64 bodies only, so the same bytes were accepted or rejected by transport).
  it.each([
    ['an NDJSON body', 'application/x-ndjson', (post: string) => post],
    ['a JSON-array body', 'application/json', (post: string) => `[${post}]`],
  ])('accepts %s starting with one BOM, in plain and base64 form alike', async (_label, contentType, wrap) => {
    // prepare
    const post = makeSocialPost({}, 5);
    const text = `\ufeff${wrap(JSON.stringify(post))}`;
    const sinks = [new RecordingSink(), new RecordingSink()];
    const events = [request(text, contentType), base64(text, contentType)];

    // act
    const responses = await Promise.all(
      events.map(
        async (ev, i) =>
          (await makeIngestHandler({ sink: sinks[i] as RecordingSink, limits: LIMITS })(
            ev,
          )) as APIGatewayProxyStructuredResultV2,
      ),
    );

    // assess
    for (const [i, response] of responses.entries()) {
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(response.body as string)).toMatchObject({ accepted: 1, rejected: 0, failed: 0 });
      expect(sinks[i]?.records.map((r) => JSON.parse(Buffer.from(r.data).toString('utf8')) as unknown)).toEqual([post]);
    }
    expect(responses[0]).toEqual(responses[1]);
  });

  it('still accepts the valid lines around hostile ones, and only those', async () => {
    // prepare
    const good = makeSocialPost({}, 11);
    const body = [
      postWith('"__proto__":{"polluted":true}'),
      JSON.stringify(good),
      '['.repeat(DEPTH),
      postWithRaw('engagement', '{"likes":1e309}'),
    ].join('\n');

    // act
    const response = (await handle(request(body))) as APIGatewayProxyStructuredResultV2;

    // assess
    const result = JSON.parse(response.body as string) as IngestResponse;
    expect(result).toMatchObject({ accepted: 1, rejected: 3, failed: 0 });
    expect(result.results.map((r) => [r.line, r.status])).toEqual([
      [1, 'rejected'],
      [2, 'accepted'],
      [3, 'rejected'],
      [4, 'rejected'],
    ]);
    expect(sink.records.map((r) => r.partitionKey)).toEqual([good.postId]);
    expect(JSON.parse(Buffer.from(sink.records[0]?.data as Uint8Array).toString('utf8'))).toEqual(good);
  });
});
