// s3rver as the local S3: the SDK client with the local credentials puts, lists and reads objects;
// a data directory keeps them across a restart; an empty run leaves no folder behind.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { makeS3Client, startS3rver } from '../src';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 's3-emulator-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('serves the buckets it was started with to the SDK, on a free loopback port', async () => {
  const s3 = await startS3rver({ buckets: ['failures'] });
  const client = makeS3Client(s3.endpoint);
  try {
    expect(s3.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await client.send(
      new PutObjectCommand({ Bucket: 'failures', Key: 'aws/lambda/x/shard-1/a.json', Body: '{"n":1}' }),
    );
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'failures', Prefix: 'aws/lambda/' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['aws/lambda/x/shard-1/a.json']);
    const got = await client.send(new GetObjectCommand({ Bucket: 'failures', Key: 'aws/lambda/x/shard-1/a.json' }));
    expect(await got.Body?.transformToString()).toBe('{"n":1}');
  } finally {
    client.destroy();
    await s3.close();
  }
});

it('keeps objects in its data directory across a restart', async () => {
  const first = await startS3rver({ dataDir: dir, buckets: ['kept'] });
  const c1 = makeS3Client(first.endpoint);
  await c1.send(new PutObjectCommand({ Bucket: 'kept', Key: 'k', Body: 'v' }));
  c1.destroy();
  await first.close();

  const second = await startS3rver({ dataDir: dir, buckets: ['kept'] });
  const c2 = makeS3Client(second.endpoint);
  try {
    const got = await c2.send(new GetObjectCommand({ Bucket: 'kept', Key: 'k' }));
    expect(await got.Body?.transformToString()).toBe('v');
  } finally {
    c2.destroy();
    await second.close();
  }
  expect(existsSync(dir)).toBe(true);
});
