// A table-stream mapping as the local stack wires it: the trends table (its spec streams it) in
// the dynalite child, a function bundle in a sandbox process, checkpoints under the data dir.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, makeDynamoClient, spawnEmulator, type EmulatorProcess } from '@streamlens/emulators';
import {
  ChildProcessInvoker,
  DEFAULT_MAPPING_SETTINGS,
  silentLogger,
  type DynamoDBEventRecord,
} from '@streamlens/event-source-mapping';
import { TABLE_SPECS } from '@streamlens/tables';
import { startTableStreamMapping, type TableStreamMapping } from '../../src/pipeline/table-stream-mapping';

// A function bundle as esbuild would emit it: CommonJS, `handler` exported; it appends every
// record it gets to OUT_FILE (one JSON line each) and fails on a row whose `fail` is set.
const BUNDLE = `
const { appendFileSync } = require('node:fs');
exports.handler = async (event) => {
  for (const r of event.Records) {
    if (r.dynamodb.NewImage && r.dynamodb.NewImage.fail) throw new Error('row asks to fail');
    appendFileSync(process.env.OUT_FILE, JSON.stringify(r) + '\\n');
  }
  return { batchItemFailures: [] };
};
`;

let dir: string;
let dynalite: EmulatorProcess;
let dynamo: DynamoDBClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'streamlens-table-stream-'));
  dynalite = await spawnEmulator('dynalite', { dataDir: join(dir, 'dynamodb') });
  dynamo = makeDynamoClient(dynalite.endpoint);
}, 30_000);
afterAll(async () => {
  dynamo.destroy();
  await dynalite.close();
  rmSync(dir, { recursive: true, force: true });
});

function delivered(out: string): DynamoDBEventRecord[] {
  if (!existsSync(out)) return [];
  return readFileSync(out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as DynamoDBEventRecord);
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('startTableStreamMapping', () => {
  it('invokes the bundle with the trends table changes, persists checkpoints and resumes after them', async () => {
    // prepare
    const table = await ensureTable(dynamo, 'streamlens-test-trends', TABLE_SPECS.trends);
    const bundlePath = join(dir, 'main.cjs');
    const out = join(dir, 'delivered.ndjson');
    writeFileSync(bundlePath, BUNDLE);
    appendFileSync(out, '');
    const invoker = new ChildProcessInvoker({
      bundlePath,
      functionName: 'streamlens-test-alerts',
      env: { OUT_FILE: out },
      maxSandboxes: 1,
      onLog: () => undefined,
    });
    const start = (): Promise<TableStreamMapping> =>
      startTableStreamMapping({
        mappingId: 'streamlens-test-alerts',
        dynamodbEndpoint: dynalite.endpoint,
        streamArn: table.LatestStreamArn as string,
        invoker,
        settings: { ...DEFAULT_MAPPING_SETTINGS, maximumRetryAttempts: 0, functionTimeoutSeconds: 10 },
        dir: join(dir, 'mappings', 'alerts'),
        onFailure: true,
        logger: silentLogger,
      });
    const put = (pk: string, extra: Record<string, { S: string }> = {}) =>
      dynamo.send(
        new PutItemCommand({
          TableName: 'streamlens-test-trends',
          Item: { pk: { S: pk }, sk: { S: 'w#0#0' }, ...extra },
        }),
      );

    const running: TableStreamMapping[] = [];
    try {
      // act
      const first = await start();
      running.push(first);
      await put('DAY#1');
      await put('DAY#1', { hashtags: { S: '{"a":1}' } });
      await waitFor('two changes', () => delivered(out).length >= 2);
      await first.stop();
      running.pop();
      await put('DAY#2');
      await put('DAY#3', { fail: { S: 'yes' } });
      const second = await start();
      running.push(second);
      await waitFor('the third change', () => delivered(out).length >= 3);
      await waitFor(
        'the failing batch in the on-failure destination',
        async () => (await second.destination.list()).length === 1,
      );
      const failures = await second.destination.list();

      // assess
      const records = delivered(out);
      expect(records.map((r) => [r.eventName, r.dynamodb.Keys['pk']?.S])).toEqual([
        ['INSERT', 'DAY#1'],
        ['MODIFY', 'DAY#1'],
        ['INSERT', 'DAY#2'],
      ]);
      expect(records[1]?.dynamodb.OldImage).toEqual({ pk: { S: 'DAY#1' }, sk: { S: 'w#0#0' } });
      expect(records.every((r) => r.eventSourceARN === table.LatestStreamArn)).toBe(true);
      expect(failures[0]).toHaveProperty('DDBStreamBatchInfo.streamArn', table.LatestStreamArn);
      // DAY#2 and DAY#3 came in one batch; the function error failed both (no bisect, no retry).
      expect(failures[0]).toHaveProperty('DDBStreamBatchInfo.batchSize', 2);
      expect(failures[0]).toHaveProperty('DDBStreamBatchInfo.startSequenceNumber', records[2]?.dynamodb.SequenceNumber);
    } finally {
      for (const mapping of running) await mapping.stop();
      await invoker.close();
    }
  }, 60_000);
});
