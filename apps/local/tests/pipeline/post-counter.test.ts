// Consumed posts for the status display: posts inside Kinesis records, counted once, up to each
// shard's checkpoint.
import type { FunctionInvoker, InvokeOptions } from '@streamlens/event-source-mapping';
import { encodeAggregatedRecord } from '@streamlens/kinesis';
import { PostCounter } from '../../src/pipeline/post-counter';

const OPTIONS: InvokeOptions = { timeoutMs: 1000, requestId: 'r' };
const ok: FunctionInvoker = { invoke: async () => ({ ok: true, payload: null }) };

function record(shard: string, seq: string, data: Uint8Array) {
  return {
    eventID: `${shard}:${seq}`,
    kinesis: { sequenceNumber: seq, data: Buffer.from(data).toString('base64') },
  };
}

const post = (i: number) => Buffer.from(JSON.stringify({ postId: `p${i}` }));
const aggregate = (n: number) =>
  encodeAggregatedRecord(Array.from({ length: n }, (_, i) => ({ partitionKey: `k${i}`, data: post(i) })));

describe('PostCounter', () => {
  it('counts the posts of KPL aggregates and plain records up to each shard checkpoint, once', async () => {
    // prepare
    const counter = new PostCounter(ok);
    const batch = {
      Records: [
        record('shardId-000000000000', '100', aggregate(7)),
        record('shardId-000000000000', '200', post(1)),
        record('shardId-000000000001', '150', aggregate(3)),
      ],
    };
    // act: the batch is retried (sent twice), then the checkpoints move
    await counter.invoke(batch, OPTIONS);
    await counter.invoke(batch, OPTIONS);
    const before = counter.consumed([
      { shardId: 'shardId-000000000000', checkpoint: undefined },
      { shardId: 'shardId-000000000001', checkpoint: undefined },
    ]);
    const partly = counter.consumed([
      { shardId: 'shardId-000000000000', checkpoint: '100' },
      { shardId: 'shardId-000000000001', checkpoint: '150' },
    ]);
    const all = counter.consumed([
      { shardId: 'shardId-000000000000', checkpoint: '200' },
      { shardId: 'shardId-000000000001', checkpoint: '150' },
    ]);
    // a redelivery of a record the checkpoint already passed does not count again
    await counter.invoke({ Records: [record('shardId-000000000000', '100', aggregate(7))] }, OPTIONS);
    const again = counter.consumed([{ shardId: 'shardId-000000000000', checkpoint: '200' }]);
    // assess
    expect(before).toEqual({ posts: 0, records: 0 });
    expect(partly).toEqual({ posts: 10, records: 2 });
    expect(all).toEqual({ posts: 11, records: 3 });
    expect(again).toEqual({ posts: 8, records: 2 });
  });

  it('passes the invoke through and counts a corrupt aggregate as one poison post', async () => {
    const counter = new PostCounter({ invoke: async () => ({ ok: true, payload: { batchItemFailures: [] } }) });
    const corrupt = aggregate(3).slice(0, 20);
    const result = await counter.invoke({ Records: [record('shardId-000000000000', '5', corrupt)] }, OPTIONS);
    expect(result).toEqual({ ok: true, payload: { batchItemFailures: [] } });
    expect(counter.consumed([{ shardId: 'shardId-000000000000', checkpoint: '5' }])).toEqual({ posts: 1, records: 1 });
  });
});
