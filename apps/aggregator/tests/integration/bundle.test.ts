// The built aggregator bundle (dist/apps/aggregator/main.cjs) in a Lambda-like sandbox against
// dynalite: its cold start does not load the AWS SDK (only final invokes write, and they load it
// on first use), and a window's final invoke still stores the row.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureTable, makeDynamoClient, startDynalite, type RunningEmulator } from '@streamlens/emulators';
import { ChildProcessInvoker } from '@streamlens/event-source-mapping';
import { DynamoTrendsRepository } from '@streamlens/repositories';
import { TABLE_SPECS, localTableName } from '@streamlens/tables';
import { post, postRecord, windowEvent } from '../helpers/window-events';

jest.setTimeout(60_000);

const BUNDLE = resolve(__dirname, '../../../../dist/apps/aggregator/main.cjs');
const TABLE = localTableName('it', 'trends');
const WINDOW_MS = 30_000;

let dynalite: RunningEmulator;
let client: ReturnType<typeof makeDynamoClient>;
let invoker: ChildProcessInvoker | undefined;

function env(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: 'us-east-1',
    TRENDS_TABLE: TABLE,
    TTL_DAYS: '7',
    POWERTOOLS_LOG_LEVEL: 'WARN',
    AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
  };
}

beforeAll(async () => {
  dynalite = await startDynalite();
  client = makeDynamoClient(dynalite.endpoint);
  await ensureTable(client, TABLE, TABLE_SPECS.trends);
});

afterAll(async () => {
  await invoker?.close();
  client?.destroy();
  await dynalite?.close();
});

it('loads no AWS SDK at cold start (no https/tls module once the handler is ready)', () => {
  // prepare: a fresh process with the function's environment
  const probe = `const m = require(process.argv[1]);
    console.log(JSON.stringify({ handler: typeof m.handler, loaded: process.moduleLoadList.filter((n) => /^NativeModule (https|tls)$/.test(n)) }));`;
  // act
  const out = execFileSync(process.execPath, ['-e', probe, BUNDLE], {
    env: { PATH: process.env['PATH'] ?? '', ...env('http://127.0.0.1:9') },
  }).toString();
  // assess
  expect(JSON.parse(out)).toEqual({ handler: 'function', loaded: [] });
});

it('folds without the SDK and stores the row on the final invoke', async () => {
  // prepare: a window that ends now, as the mapping would close it
  const start = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS - WINDOW_MS;
  const window = { start: new Date(start).toISOString(), end: new Date(start + WINDOW_MS).toISOString() };
  invoker = new ChildProcessInvoker({ bundlePath: BUNDLE, functionName: 'aggregator-it', env: env(dynalite.endpoint) });
  const records = [post('1', 'hello #cold #start'), post('2', 'again #cold')].map((p) => postRecord(p));
  // act
  const folded = await invoker.invoke(windowEvent(records, { window }), { timeoutMs: 20_000, requestId: 'r1' });
  if (!folded.ok) throw new Error(`fold invoke failed: ${JSON.stringify(folded)}`);
  const state = (folded.payload as { state: Record<string, unknown> }).state;
  const final = await invoker.invoke(windowEvent([], { window, state, final: true }), {
    timeoutMs: 20_000,
    requestId: 'r2',
  });
  // assess
  expect(final).toMatchObject({ ok: true });
  const rows = await new DynamoTrendsRepository({ client, tableName: TABLE, ttlDays: 7 }).queryWindows(
    new Date(start),
    new Date(start + WINDOW_MS),
  );
  expect(rows).toHaveLength(1);
  expect(rows[0]?.postCount).toBe(2);
  expect(rows[0]?.hashtags).toMatchObject({ cold: 2, start: 1 });
});
