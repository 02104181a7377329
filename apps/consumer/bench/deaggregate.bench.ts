// Deaggregation: aws-kinesis-agg deaggregateSync vs our one-pass decoder (libs/kinesis
// decodeAggregatedRecord), each from the Lambda event record (base64) to user-record bytes
// ready for decodePost, on KPL-sized aggregates of realistic posts. Medians of interleaved rounds.
// Run: npx tsx --tsconfig tsconfig.base.json apps/consumer/bench/deaggregate.bench.ts
import { decodeAggregatedRecord, encodeAggregatedRecord, SyntheticSocialStream } from '@streamlens/kinesis';
import { deaggregateSync } from 'aws-kinesis-agg';
import type { KinesisStreamRecordPayload } from 'aws-lambda';

const ROUNDS = 9;

function aggregates(perAggregate: number, count: number): KinesisStreamRecordPayload[] {
  const stream = new SyntheticSocialStream({ seed: 5, editRate: 0 });
  return Array.from({ length: count }, (_, a) => {
    const entries = Array.from({ length: perAggregate }, (_, i) => {
      const r = stream.next(Date.UTC(2025, 0, 15) + a * 1000 + i);
      return { partitionKey: r.partitionKey, data: r.data };
    });
    return {
      kinesisSchemaVersion: '1.0',
      partitionKey: 'agg',
      sequenceNumber: String(49590338271490256608559692538361571095921575989136588898n + BigInt(a)),
      data: Buffer.from(encodeAggregatedRecord(entries)).toString('base64'),
      approximateArrivalTimestamp: 1_736_899_200 + a,
    };
  });
}

function viaLibrary(records: readonly KinesisStreamRecordPayload[]): number {
  let bytes = 0;
  for (const r of records) {
    deaggregateSync(r, true, (err, users) => {
      if (err) throw err;
      for (const u of users ?? []) bytes += Buffer.from(u.data, 'base64').length;
    });
  }
  return bytes;
}

function viaOwnDecoder(records: readonly KinesisStreamRecordPayload[]): number {
  let bytes = 0;
  for (const r of records)
    for (const u of decodeAggregatedRecord(Buffer.from(r.data, 'base64'))) bytes += u.data.length;
  return bytes;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
}

function measure(name: string, records: readonly KinesisStreamRecordPayload[], users: number): void {
  const candidates = {
    'aws-kinesis-agg deaggregateSync': viaLibrary,
    'own decoder (decodeAggregatedRecord)': viaOwnDecoder,
  } as const;
  const expected = viaOwnDecoder(records);
  if (viaLibrary(records) !== expected) throw new Error('the two decoders disagree');
  const times: Record<string, number[]> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, fn] of Object.entries(candidates)) {
      const t0 = process.hrtime.bigint();
      fn(records);
      (times[label] ??= []).push(Number(process.hrtime.bigint() - t0) / 1000);
    }
  }
  console.log(
    `\n${name}: ${records.length} aggregates, ${users} user records, ${(expected / 1024).toFixed(0)} KiB of user data`,
  );
  for (const [label, t] of Object.entries(times)) {
    const us = median(t);
    console.log(
      `  ${label.padEnd(40)} ${(us / users).toFixed(2).padStart(6)} µs/user record  ${((users / us) * 1e6).toFixed(0).padStart(9)} user records/s`,
    );
  }
}

function main(): void {
  console.log(`Node ${process.version}; medians of ${ROUNDS} interleaved rounds`);
  for (const [per, count] of [
    [10, 400],
    [100, 80],
  ] as const)
    measure(`${per} posts per aggregate`, aggregates(per, count), per * count);
}

main();
