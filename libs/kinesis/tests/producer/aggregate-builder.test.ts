// KPL aggregate encoding: what aws-kinesis-agg (the consumers' deaggregator) reads back.
import { AggregateBuilder, encodeAggregatedRecord, type AggregateEntry } from '../../src/index';
import { deaggregate } from './helpers/fake-kinesis';

const { RecordAggregator } = require('aws-kinesis-agg/lib/kpl-agg') as {
  RecordAggregator: new () => { addUserRecord(r: object): void; build(): { partitionKey: string; data: Buffer } };
};

function roundTrip(entries: AggregateEntry[]) {
  const data = encodeAggregatedRecord(entries);
  return {
    data,
    out: deaggregate({ shardId: 's', sequenceNumber: '1', partitionKey: entries[0]?.partitionKey ?? 'x', data }),
  };
}

describe('AggregateBuilder', () => {
  it('encodes records that aws-kinesis-agg deaggregates with checksums, in order, with keys and hash keys', () => {
    // prepare: Unicode keys, repeated keys, an explicit hash key, empty and multi-kilobyte data
    const entries: AggregateEntry[] = [
      { partitionKey: 'post-1', data: Buffer.from('{"a":1}') },
      { partitionKey: 'пост-東京-🎉', data: Buffer.from('héllo 🌍') },
      { partitionKey: 'post-1', data: Buffer.alloc(0) },
      { partitionKey: 'post-2', data: Buffer.from('x'.repeat(20_000)) },
    ];

    // act
    const { out } = roundTrip(entries);

    // assess
    expect(out.map((u) => [u.partitionKey, u.explicitHashKey, u.data, u.subSequenceNumber])).toEqual([
      ['post-1', undefined, '{"a":1}', 0],
      ['пост-東京-🎉', undefined, 'héllo 🌍', 1],
      ['post-1', undefined, '', 2],
      ['post-2', undefined, 'x'.repeat(20_000), 3],
    ]);
  });

  it('carries explicit hash keys through a shared table', () => {
    // prepare
    const max = '340282366920938463463374607431768211455';
    const entries = [
      { partitionKey: 'a', explicitHashKey: max, data: Buffer.from('1') },
      { partitionKey: 'b', explicitHashKey: '7', data: Buffer.from('2') },
      { partitionKey: 'c', explicitHashKey: max, data: Buffer.from('3') },
    ];

    // act
    const { out } = roundTrip(entries);

    // assess
    expect(out.map((u) => [u.partitionKey, u.explicitHashKey, u.data])).toEqual([
      ['a', max, '1'],
      ['b', '7', '2'],
      ['c', max, '3'],
    ]);
  });

  it('predicts its encoded size exactly, including multi-byte varints (300 distinct keys, 200 KB data)', () => {
    // prepare
    const builder = new AggregateBuilder();
    const predicted: number[] = [];

    // act
    for (let i = 0; i < 300; i++) {
      const entry = { partitionKey: `k-${i}-ключ`, data: Buffer.alloc(i === 150 ? 200_000 : i) };
      predicted.push(builder.sizeWith(entry));
      builder.add(entry);
      expect(builder.size).toBe(predicted[i]);
    }
    const data = builder.encode();

    // assess
    expect(data.length).toBe(builder.size);
    expect(deaggregate({ shardId: 's', sequenceNumber: '1', partitionKey: 'k', data })).toHaveLength(300);
  });

  it('writes the same bytes as aws-kinesis-agg RecordAggregator for ASCII keys', () => {
    // prepare
    const entries = Array.from({ length: 50 }, (_, i) => ({
      partitionKey: `post-${i % 7}`,
      data: Buffer.from(`{"n":${i}}`),
    }));
    const reference = new RecordAggregator();
    for (const e of entries) reference.addUserRecord({ ...e });

    // act
    const ours = Buffer.from(encodeAggregatedRecord(entries));

    // assess
    expect(ours.equals(reference.build().data)).toBe(true);
  });

  it('starts with the KPL magic and ends with the MD5 of the protobuf', () => {
    // prepare
    const { data } = roundTrip([
      { partitionKey: 'a', data: Buffer.from('b') },
      { partitionKey: 'c', data: Buffer.from('d') },
    ]);
    const buf = Buffer.from(data);

    // act
    const md5 = require('node:crypto')
      .createHash('md5')
      .update(buf.subarray(4, buf.length - 16))
      .digest() as Buffer;

    // assess
    expect(buf.subarray(0, 4).toString('hex')).toBe('f3899ac2');
    expect(buf.subarray(buf.length - 16).equals(md5)).toBe(true);
  });
});
