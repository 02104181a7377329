// The processor with the real Powertools Logger and Metrics: exactly one EMF document per
// invocation, carrying every metric of the batch.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { InMemoryPostsRepository, InMemoryQuarantineRepository } from '@streamlens/repositories/testing';
import { makeSocialPost } from '@streamlens/testing';
import { makeRecordProcessor } from '../../src/record-processor';
import { kinesisEvent, kinesisRecord, postRecord, seq } from '../helpers/records';

describe('Powertools output', () => {
  let written: string[];
  let spies: jest.SpyInstance[];

  // Powertools writes EMF to stdout and warnings to stderr; keep both.
  beforeEach(() => {
    written = [];
    spies = [process.stdout, process.stderr].map((stream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      }),
    );
  });

  afterEach(() => spies.forEach((s) => s.mockRestore()));

  it('writes one EMF document per invocation with the batch metrics, in the configured namespace', async () => {
    // prepare
    const metrics = new Metrics({ namespace: 'StreamLensTest', serviceName: 'consumer' });
    const logger = new Logger({ serviceName: 'consumer', logLevel: 'WARN' });
    const process_ = makeRecordProcessor({
      posts: new InMemoryPostsRepository({ ttlDays: 30 }),
      quarantine: new InMemoryQuarantineRepository({ ttlDays: 30 }),
      clock: Date.now,
      logger,
      metrics,
    });
    const event = kinesisEvent([
      postRecord(makeSocialPost({ postId: 'a' }), seq(1)),
      kinesisRecord(new TextEncoder().encode('oops'), seq(2)),
    ]);
    // act
    await process_(event);
    await process_(event);
    // assess
    const docs = written
      .flatMap((w) => w.split('\n'))
      .filter((l) => l.includes('"_aws"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(docs).toHaveLength(2);
    const doc = docs[0] as {
      _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] };
    } & Record<string, unknown>;
    expect(doc._aws.CloudWatchMetrics[0]?.Namespace).toBe('StreamLensTest');
    expect(doc).toMatchObject({
      RecordsIn: 2,
      PostsWritten: 1,
      Quarantined: 1,
      'Quarantined.not-json': 1,
      FailuresReported: 0,
      service: 'consumer',
    });
    expect(doc._aws.CloudWatchMetrics[0]?.Metrics.map((m) => m.Name)).toEqual(
      expect.arrayContaining([
        'RecordsIn',
        'UserRecordsIn',
        'PostsWritten',
        'Quarantined',
        'FailuresReported',
        'BatchLatency',
        'NewestRecordAgeMs',
      ]),
    );
    const warnings = written.flatMap((w) => w.split('\n')).filter((l) => l.includes('record quarantined'));
    expect(warnings).toHaveLength(2);
    expect(JSON.parse(warnings[0] as string)).toMatchObject({
      level: 'WARN',
      reason: 'not-json',
      sequenceNumber: seq(2),
    });
  });
});
