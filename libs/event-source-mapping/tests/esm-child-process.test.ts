// Integration (kinesalite + child processes): the mapping invokes a built bundle in sandboxes
// and keeps checkpoints and failures in JSON files — the local stack's wiring.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildProcessInvoker, JsonFileCheckpointStore, JsonFileFailureDestination } from '../src';
import { numbered, putRecords, startHarness, type Harness, removeAllMiddleware } from './helpers/kinesis-harness';
import { makeMapping, stopAllMappings } from './helpers/mapping-factory';
import { waitFor } from './helpers/scripted-function';

let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await startHarness();
  dir = mkdtempSync(join(tmpdir(), 'esm-e2e-'));
  // A "built bundle": decodes records, appends their n to OUT_FILE, reports n = 4 as failed once.
  writeFileSync(
    join(dir, 'main.cjs'),
    `const fs = require('node:fs');
let failedOnce = false;
exports.handler = async (event) => {
  const failures = [];
  for (const r of event.Records) {
    const { n } = JSON.parse(Buffer.from(r.kinesis.data, 'base64').toString('utf8'));
    if (n === 4 && !failedOnce) { failedOnce = true; failures.push({ itemIdentifier: r.kinesis.sequenceNumber }); break; }
    fs.appendFileSync(process.env.OUT_FILE, n + '\\n');
  }
  return { batchItemFailures: failures };
};
`,
  );
});
afterEach(async () => {
  await stopAllMappings();
  removeAllMiddleware();
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

it('delivers every record once, in order, through a child-process sandbox with file-backed checkpoints', async () => {
  // prepare
  const stream = await h.stream(1);
  const puts = await putRecords(h.client, stream.streamName, numbered(10));
  const out = join(dir, 'out.txt');
  writeFileSync(out, '');
  const invoker = new ChildProcessInvoker({
    bundlePath: join(dir, 'main.cjs'),
    functionName: 'consumer',
    env: { OUT_FILE: out },
    onLog: () => undefined,
  });
  const checkpoints = new JsonFileCheckpointStore(join(dir, 'data'));
  const { esm } = makeMapping({
    client: h.client,
    stream,
    invoker,
    checkpoints,
    destination: new JsonFileFailureDestination(join(dir, 'data')),
    mappingId: 'consumer',
    settings: { batchSize: 3, functionResponseTypes: ['ReportBatchItemFailures'] },
  });
  // act
  await esm.start();
  await waitFor('all records', () => readFileSync(out, 'utf8').trim().split('\n').length === 10, 10_000);
  await esm.stop();
  await invoker.close();
  // assess
  expect(readFileSync(out, 'utf8').trim().split('\n').map(Number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const saved = JSON.parse(readFileSync(join(dir, 'data', 'checkpoints.json'), 'utf8'));
  expect(saved).toEqual({ consumer: { 'shardId-000000000000': { sequenceNumber: puts[9]?.sequenceNumber } } });
  expect(esm.stats().shards[0]).toMatchObject({ retries: 1, recordsDelivered: 10 });
});
