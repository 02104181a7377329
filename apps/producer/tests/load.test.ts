// Load CLI: flags (errors name the flag), config of the ingest function, and a short real run
// of the synthetic stream through the producer onto kinesalite.
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DescribeStreamSummaryCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { ensureStream, makeKinesisClient, startKinesalite, type RunningEmulator } from '@streamlens/emulators';
import { KinesisProducer, SyntheticSocialStream } from '@streamlens/kinesis';
import { readIngestConfig } from '../src/config';
import { parseLoadFlags } from '../src/load/flags';
import { runLoad } from '../src/load/run-load';

describe('parseLoadFlags', () => {
  it('reads every flag, in both --flag value and --flag=value forms', () => {
    // act
    const o = parseLoadFlags([
      '--rate',
      '5000',
      '--duration=60',
      '--endpoint',
      'http://127.0.0.1:4567',
      '--stream',
      'posts',
      '--seed',
      '7',
      '--poison-rate',
      '0.001',
      '--poison',
      'too-large=0',
      '--spikes',
      '10:5:4',
      '--no-aggregation',
    ]);

    // assess
    expect(o).toMatchObject({
      rate: 5000,
      durationSec: 60,
      endpoint: 'http://127.0.0.1:4567',
      region: 'us-east-1',
      stream: 'posts',
      seed: 7,
      aggregation: false,
    });
    expect(o.poisonRates).toEqual({
      'not-utf8': 0.001,
      'not-json': 0.001,
      'schema-violation': 0.001,
      'unknown-version': 0.001,
      'too-large': 0,
    });
    expect(o.spikes).toEqual([{ atSec: 10, durationSec: 5, factor: 4 }]);
  });

  it.each([
    [['--rate', '5000'], /^--stream: is required/],
    [['--stream', 's', '--rate', 'fast'], /^--rate: expected a number .* got "fast"/],
    [['--stream', 's', '--duration', '-1'], /^--duration: expected a number/],
    [['--stream', 's', '--seed', '1.5'], /^--seed: expected an integer/],
    [['--stream', 's', '--endpoint', 'localhost:4567'], /^--endpoint: expected an http\(s\) URL/],
    [['--stream', 's', '--poison', 'bad-bytes=0.1'], /^--poison: unknown poison kind "bad-bytes"/],
    [['--stream', 's', '--poison-rate', '0.3'], /^--poison-rate: poison rates add up to 1.5/],
    [['--stream', 's', '--spikes', '10:5'], /^--spikes: spike "10:5"/],
    [['--stream', 's', '--rps', '10'], /^--rps: is not a known flag/],
    [['--stream'], /^--stream: needs a value/],
  ])('refuses %j naming the flag', (argv, message) => {
    expect(() => parseLoadFlags(argv)).toThrow(message);
  });
});

describe('readIngestConfig', () => {
  const producer = {
    PRODUCER_AGGREGATION: 'false',
    PRODUCER_MAX_BUFFERED_TIME_MS: '100',
    PRODUCER_RECORD_TTL_MS: '30000',
    PRODUCER_RECORDS_PER_SECOND_PER_SHARD: '1000',
    PRODUCER_BYTES_PER_SECOND_PER_SHARD: '1048576',
  };

  it('requires STREAM_NAME and the streamlens:producer settings, and checks the optional limits', () => {
    expect(() => readIngestConfig(producer)).toThrow(/^STREAM_NAME is required/);
    expect(() => readIngestConfig({ STREAM_NAME: 's' })).toThrow(/PRODUCER_AGGREGATION is required/);
    expect(() => readIngestConfig({ STREAM_NAME: 's', ...producer, MAX_LINES: 'many' })).toThrow(
      /^MAX_LINES must be an integer from 1 to \d+, got "many"/,
    );
    expect(readIngestConfig({ STREAM_NAME: 's', ...producer })).toEqual({
      streamName: 's',
      aggregation: false,
      maxBufferedTimeMs: 100,
      recordTtlMs: 30_000,
      recordsPerSecondPerShard: 1000,
      bytesPerSecondPerShard: 1_048_576,
      maxBodyBytes: 5 * 1024 * 1024,
      maxLines: 10_000,
    });
  });
});

describe('runLoad on kinesalite', () => {
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

  it('offers the requested rate with spikes and puts every record, poison included', async () => {
    // prepare: 1,000 records/s for 1.2 s, ×3 from 0.5 s on (target ≈ 500 + 0.7 × 3,000 = 2,600)
    await ensureStream(client, 'load-test', 2);
    const producer = new KinesisProducer({ client, streamName: 'load-test' });
    const lines: string[] = [];

    // act
    const summary = await runLoad({
      producer,
      source: new SyntheticSocialStream({
        seed: 1,
        poisonRates: { 'not-json': 0.05, 'too-large': 0.001 },
        tooLargeBytes: 100_000,
      }),
      rate: 1000,
      durationSec: 1.2,
      spikes: [{ atSec: 0.5, durationSec: 1, factor: 3 }],
      now: Date.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      log: (line) => lines.push(line),
    });
    await producer.close();
    const stream = await client.send(new DescribeStreamSummaryCommand({ StreamName: 'load-test' }));

    // assess
    expect(summary.target).toBeGreaterThanOrEqual(2599);
    expect(summary.target).toBeLessThanOrEqual(2600);
    expect(summary.offered).toBe(summary.target);
    expect(summary.put).toBe(summary.offered);
    expect(summary.failed).toBe(0);
    expect(summary.poisonByKind['not-json']).toBeGreaterThan(30);
    expect(summary.metrics.UserRecordsPerKinesisRecord).toBeGreaterThan(10);
    expect(lines[0]).toMatch(/^\[1s\] offered \d+ \(target \d+\), put \d+/);
    expect(stream.StreamDescriptionSummary?.OpenShardCount).toBe(2);
  });
});

describe('the load CLI against a stream it cannot use', () => {
  const root = resolve(__dirname, '../../..');

  function runCli(args: string[]): Promise<{ code: number | null; out: string; ms: number }> {
    const started = Date.now();
    return new Promise((done) => {
      const child = spawn(process.execPath, [join(root, 'dist/apps/producer/load.cjs'), ...args], { cwd: root });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('close', (code) => done({ code, out, ms: Date.now() - started }));
    });
  }

  it('fails fast with the cause when the endpoint is unreachable, not after its whole duration', async () => {
    // prepare: a port nothing listens on
    const port = await new Promise<number>((r) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = s.address() as AddressInfo;
        s.close(() => r(p));
      });
    });
    // act
    const { code, out, ms } = await runCli([
      '--endpoint',
      `http://127.0.0.1:${port}`,
      '--stream',
      's',
      '--duration',
      '60',
    ]);
    // assess
    expect(code).toBe(1);
    expect(out).toContain(`load: cannot reach stream s at http://127.0.0.1:${port}: connect ECONNREFUSED`);
    expect(out).not.toMatch(/\bat \S+ \(|NodeVersionSupportWarning/);
    expect(ms).toBeLessThan(30_000);
  }, 60_000);

  it('names a stream that does not exist', async () => {
    const kinesis = await startKinesalite();
    try {
      const { code, out } = await runCli(['--endpoint', kinesis.endpoint, '--stream', 'nosuch', '--duration', '60']);
      expect(code).toBe(1);
      expect(out).toContain(`load: stream nosuch does not exist at ${kinesis.endpoint}`);
    } finally {
      await kinesis.close();
    }
  }, 60_000);
});
