// Behaviour of the local event-source mapping's state stores.
import type { CheckpointRepository, FailureDestinationRepository, OnFailureRecord } from '../../src';

export function failureRecord(requestId: string, timestamp: string): OnFailureRecord {
  return {
    requestContext: {
      requestId,
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:consumer',
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 3,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp,
    KinesisBatchInfo: {
      shardId: 'shardId-000000000000',
      startSequenceNumber: '100',
      endSequenceNumber: '200',
      approximateArrivalOfFirstRecord: '2025-01-15T12:00:00.000Z',
      approximateArrivalOfLastRecord: '2025-01-15T12:00:05.000Z',
      batchSize: 10,
      streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/posts',
    },
  };
}

export function describeCheckpointContract(name: string, makeRepo: () => Promise<CheckpointRepository>): void {
  describe(`CheckpointRepository contract: ${name}`, () => {
    it('gets, overwrites and lists checkpoints per mapping, ordered by shard', async () => {
      // prepare
      const repo = await makeRepo();
      // act
      const before = await repo.get('consumer', 'shardId-000000000001');
      await repo.put('consumer', 'shardId-000000000001', {
        sequenceNumber: '5',
        updatedAt: '2025-01-15T12:00:00.000Z',
      });
      await repo.put('consumer', 'shardId-000000000001', {
        sequenceNumber: '7',
        updatedAt: '2025-01-15T12:00:01.000Z',
      });
      await repo.put('consumer', 'shardId-000000000000', {
        sequenceNumber: '3',
        updatedAt: '2025-01-15T12:00:02.000Z',
        shardEnded: true,
      });
      await repo.put('aggregator', 'shardId-000000000000', {
        sequenceNumber: '1',
        updatedAt: '2025-01-15T12:00:03.000Z',
      });
      // assess
      expect(before).toBeUndefined();
      expect(await repo.get('consumer', 'shardId-000000000001')).toEqual({
        sequenceNumber: '7',
        updatedAt: '2025-01-15T12:00:01.000Z',
      });
      expect(await repo.list('consumer')).toEqual([
        {
          shardId: 'shardId-000000000000',
          checkpoint: { sequenceNumber: '3', updatedAt: '2025-01-15T12:00:02.000Z', shardEnded: true },
        },
        { shardId: 'shardId-000000000001', checkpoint: { sequenceNumber: '7', updatedAt: '2025-01-15T12:00:01.000Z' } },
      ]);
      expect(await repo.list('nobody')).toEqual([]);
    });
  });
}

export function describeFailureDestinationContract(
  name: string,
  makeRepo: () => Promise<FailureDestinationRepository>,
): void {
  describe(`FailureDestinationRepository contract: ${name}`, () => {
    it('stores records once per request id and lists them oldest first', async () => {
      // prepare
      const repo = await makeRepo();
      const late = failureRecord('req-2', '2025-01-15T12:05:00.000Z');
      const early = failureRecord('req-1', '2025-01-15T12:01:00.000Z');
      // act
      await repo.put(late);
      await repo.put(early);
      await repo.put(late);
      // assess
      expect(await repo.list()).toEqual([early, late]);
    });
  });
}
