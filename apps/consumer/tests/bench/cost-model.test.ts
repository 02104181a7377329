// The cost model's billing rules and arithmetic, against figures worked out by hand from AWS's
// documented rounding (25 KB PUT payload units, 1 KB on-demand records, 1 MiB/s and 1,000
// records/s in and 2 MiB/s out per shard).
import {
  LIST_PRICES,
  costPerMillionPosts,
  onDemandRecordBytes,
  putPayloadUnits,
  streamCostAtRate,
  type PriceList,
} from '../../bench/cost-model';

// Round prices so the expected figures can be checked by eye.
const PRICES: PriceList = {
  ...LIST_PRICES,
  kinesis: {
    shardHour: 0.01,
    putPayloadUnitsPerMillion: 0.01,
    onDemandStreamHour: 0.04,
    onDemandIngestPerGb: 0.08,
    onDemandRetrievalPerGb: 0.04,
  },
  lambda: { requestsPerMillion: 0.2, gbSecondArm64: 0.00001 },
  dynamodb: { writeUnitsPerMillion: 1, readUnitsPerMillion: 0.25, storageGbMonth: 0.25 },
};

it('counts PUT payload units in 25 KB chunks, at least one per record', () => {
  expect(putPayloadUnits(1)).toBe(1);
  expect(putPayloadUnits(25 * 1024)).toBe(1);
  expect(putPayloadUnits(25 * 1024 + 1)).toBe(2);
  expect(putPayloadUnits(1024 * 1024)).toBe(41); // AWS's "1 MB record = 40 units" uses 25,000-byte decimal KB
});

it('rounds each on-demand record up to the next 1 KB', () => {
  expect(onDemandRecordBytes(1)).toBe(1024);
  expect(onDemandRecordBytes(1024)).toBe(1024);
  expect(onDemandRecordBytes(4.5 * 1024)).toBe(5 * 1024);
});

it('sizes a provisioned stream by bytes in, records in and the standard consumers reading out', () => {
  // 500 B posts, unaggregated: one record per post
  const perPost = { recordsPerPost: 1, bytesPerPost: 500, putPayloadUnitsPerPost: 1, onDemandBytesPerPost: 1024 };
  // act / assert: 10,000 records/s need 10 shards for the records alone (bytes: 4.8 MiB/s in, 9.5 out)
  expect(streamCostAtRate(10_000, perPost, { consumers: 2, prices: PRICES }).shards).toBe(10);
  // aggregated 100 posts per record: 100 records/s, so bytes decide: ceil(4.77 MiB/s × 2 / 2 MiB/s) = 5
  const aggregated = { ...perPost, recordsPerPost: 0.01, putPayloadUnitsPerPost: 0.02 };
  expect(streamCostAtRate(10_000, aggregated, { consumers: 2, prices: PRICES }).shards).toBe(5);
  expect(streamCostAtRate(100, aggregated, { consumers: 2, prices: PRICES }).shards).toBe(1);
});

it('prices both capacity modes per hour and per million posts', () => {
  const perPost = { recordsPerPost: 1, bytesPerPost: 1024, putPayloadUnitsPerPost: 1, onDemandBytesPerPost: 1024 };
  const c = streamCostAtRate(1000, perPost, { consumers: 2, prices: PRICES });
  // 1,000 records/s → 1 shard for records; 1,000 KiB/s in < 1 MiB; out 2 × 1,000 KiB/s < 2 MiB → 1 shard
  expect(c.shards).toBe(1);
  // 3.6 M posts an hour: 1 shard-hour ($0.01) + 3.6 M units × $0.01 per million ($0.036)
  expect(c.provisionedPerHour).toBeCloseTo(0.046, 10);
  // on-demand: $0.04 + 3.6 M KiB in (3.433 GiB × $0.08) + twice that out (× $0.04)
  const gib = (3.6e6 * 1024) / 1024 ** 3;
  expect(c.onDemandPerHour).toBeCloseTo(0.04 + gib * 0.08 + 2 * gib * 0.04, 10);
  expect(c.provisionedPerMillionPosts).toBeCloseTo((0.046 / 3.6e6) * 1e6, 10);
});

it('prices counted units per million posts, line by line', () => {
  // 2,000 posts: 40 PUT units, 100 invokes of 512 MB billed 20 s in all, 2,600 WCU, 500 RCU,
  // 2 MB stored for 30 days
  const cost = costPerMillionPosts(
    {
      posts: 2000,
      putPayloadUnits: 40,
      functions: [{ invokes: 100, billedMs: 20_000, memoryMb: 512 }],
      dynamoWriteUnits: 2600,
      dynamoReadUnits: 500,
      storedBytes: 2 * 1024 ** 2,
      retentionDays: 30,
    },
    PRICES,
  );
  // × 500 to a million posts
  expect(cost.kinesisPutPayloadUnits).toBeCloseTo(0.02 * 0.01, 12); // 20,000 units
  expect(cost.lambdaRequests).toBeCloseTo(0.05 * 0.2, 12); // 50,000 requests
  expect(cost.lambdaCompute).toBeCloseTo(10 * 500 * 0.00001, 12); // 10 GB-s × 500
  expect(cost.dynamoWrites).toBeCloseTo(1.3 * 1, 12); // 1.3 M WCU
  expect(cost.dynamoReads).toBeCloseTo(0.25 * 0.25, 12); // 0.25 M RCU
  expect(cost.storage).toBeCloseTo((1000 / 1024) * 0.25 * (720 / 730), 12); // 1,000 MiB for 30 days
  expect(cost.total).toBeCloseTo(
    cost.kinesisPutPayloadUnits +
      cost.lambdaRequests +
      cost.lambdaCompute +
      cost.dynamoWrites +
      cost.dynamoReads +
      cost.storage,
    12,
  );
});

it('refuses to price a run that stored no post', () => {
  expect(() =>
    costPerMillionPosts(
      {
        posts: 0,
        putPayloadUnits: 0,
        functions: [],
        dynamoWriteUnits: 0,
        dynamoReadUnits: 0,
        storedBytes: 0,
        retentionDays: 1,
      },
      PRICES,
    ),
  ).toThrow(/posts must be positive/);
});
