// DynamoDB Streams inside dynalite's own process. Installed before dynalite is first required,
// it patches dynalite's modules in the require cache:
// - the item store of each table: a write to a stream-enabled table reads the old item under
//   dynalite's per-key lock and commits the item and its stream record in one LevelDB batch;
// - CreateTable / UpdateTable / DeleteTable: StreamSpecification, LatestStreamArn/Label;
// - the HTTP server: `DynamoDBStreams_20120810.*` calls on the same endpoint.
// Why not a proxy in front of dynalite: a proxy sees requests, not what they did to the item.
// It would have to read the old image in a separate call (racing concurrent writers of the same
// item), re-implement condition and update-expression evaluation to know whether a write
// changed anything, and could not make the record and the write one atomic commit.
import { createRequire } from 'node:module';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { STREAM_RETENTION_MS, STREAMS_TARGET_PREFIX } from './constants';
import { StreamsApiError, StreamStoreError, StreamsValidationError } from './errors';
import { levelBackend, type LevelLike, type StoreOp } from './store-backend';
import { StreamLog } from './stream-log';
import { handleStreamsOperation } from './streams-api';
import { parseStreamSpecification, streamArnOf, streamLabelAt } from './stream-specification';
import type { AttributeMap, KeySchemaElement } from './types';

/** Stream settings of a dynalite server (its factory's `streams` option). */
export interface DynaliteStreamsOptions {
  /** Shard lifetime before rollover, ms (default 4 h; tests use seconds). */
  readonly shardLifetimeMs?: number;
  /** Record retention, ms (default 24 h). */
  readonly retentionMs?: number;
}

type Callback = (err: unknown, result?: unknown) => void;
type Action = (store: DynaliteStore, data: Record<string, unknown>, cb: Callback) => void;

interface ItemDb {
  put(key: string, value: unknown, cb: Callback): void;
  del(key: string, cb: Callback): void;
}

interface TableDescription {
  readonly TableName: string;
  readonly TableArn: string;
  readonly TableStatus: string;
  readonly KeySchema: readonly KeySchemaElement[];
  StreamSpecification?: { StreamEnabled: boolean; StreamViewType?: string };
  LatestStreamArn?: string;
  LatestStreamLabel?: string;
}

interface DynaliteStore {
  readonly db: LevelLike & {
    get(key: string): Promise<unknown>;
    batch(ops: StoreOp[]): Promise<void>;
  };
  readonly tableDb: {
    readonly awsRegion: string;
    readonly awsAccountId: string;
    lock(key: string, fn: (release: (cb: Callback) => Callback) => void): void;
    put(key: string, value: unknown, cb: Callback): void;
  };
  getItemDb(name: string): ItemDb;
  getTable(name: string, checkStatus: boolean, cb: (err: unknown, table?: TableDescription) => void): void;
}

interface Attached {
  readonly store: DynaliteStore;
  readonly ready: Promise<StreamLog>;
  /** Set once `ready` resolved. */
  log?: StreamLog;
}

/** The StreamSpecification member dynalite's request validation must keep (it drops unknown members). */
const STREAM_SPECIFICATION_TYPE = {
  type: 'FieldStruct<StreamSpecification>',
  children: { StreamEnabled: { type: 'Boolean' }, StreamViewType: { type: 'String' } },
};

const OTHER_TABLE_UPDATES = ['ProvisionedThroughput', 'BillingMode', 'GlobalSecondaryIndexUpdates', 'SSESpecification'];

/** A dynalite callback error answered with AWS's status and body. */
function dynaliteError(err: unknown): unknown {
  if (!(err instanceof StreamsApiError)) return err;
  return Object.assign(new Error(err.message), { statusCode: err.statusCode, body: err.toBody() });
}

function stripNotFound(err: unknown): undefined {
  if ((err as { name?: string }).name === 'NotFoundError' || (err as { code?: string }).code === 'LEVEL_NOT_FOUND') {
    return undefined;
  }
  throw err;
}

function hookItemDb(attached: Attached, tableName: string, itemDb: ItemDb): void {
  // dynalite keeps each table's items under this key prefix in its one LevelDB (db/index.js
  // getSubDb); the pinned dynalite version is covered by the plugin's tests.
  const prefix = `item-${tableName}~`;
  const plainPut = itemDb.put.bind(itemDb);
  const plainDel = itemDb.del.bind(itemDb);
  const { store } = attached;
  const write = async (log: StreamLog, key: string, newItem: AttributeMap | undefined): Promise<boolean> => {
    // Called by putItem/updateItem/deleteItem while they hold the item's lock, so no other
    // write of this item runs between this read and the batch below.
    const oldItem = (await store.db.get(prefix + key).catch(stripNotFound)) as AttributeMap | undefined;
    const append = await log.prepareAppend(tableName, { oldItem, newItem });
    if (!append) return false;
    const itemOp: StoreOp = newItem
      ? { type: 'put', key: prefix + key, value: newItem }
      : { type: 'del', key: prefix + key };
    try {
      await store.db.batch([itemOp, ...append.ops]);
    } finally {
      append.settle();
    }
    return true;
  };
  // Tables without an enabled stream take dynalite's own path, untouched.
  const hooked =
    (plain: () => void, key: string, newItem: AttributeMap | undefined, cb: Callback) =>
    (log: StreamLog | undefined) => {
      if (!log?.hasEnabledStream(tableName)) return plain();
      write(log, key, newItem).then(
        (done) => (done ? cb(null) : plain()),
        (err) => cb(err),
      );
    };
  itemDb.put = (key, value, cb) => {
    const run = hooked(() => plainPut(key, value, cb), key, value as AttributeMap, cb);
    if (attached.log) run(attached.log);
    else attached.ready.then(run, cb);
  };
  itemDb.del = (key, cb) => {
    const run = hooked(() => plainDel(key, cb), key, undefined, cb);
    if (attached.log) run(attached.log);
    else attached.ready.then(run, cb);
  };
}

function patchCreateTable(original: Action, attached: (store: DynaliteStore) => Attached): Action {
  return (store, data, cb) => {
    if (data['StreamSpecification'] === undefined) return original(store, data, cb);
    let spec;
    try {
      spec = parseStreamSpecification(data['StreamSpecification']);
    } catch (err) {
      return cb(dynaliteError(err));
    }
    if (!spec.enabled) {
      delete data['StreamSpecification'];
      return original(store, data, cb);
    }
    const tableName = data['TableName'] as string;
    const tableArn = `arn:aws:dynamodb:${store.tableDb.awsRegion}:${store.tableDb.awsAccountId}:table/${tableName}`;
    const label = streamLabelAt(Date.now());
    Object.assign(data, {
      StreamSpecification: { StreamEnabled: true, StreamViewType: spec.viewType },
      LatestStreamLabel: label,
      LatestStreamArn: streamArnOf(tableArn, label),
    });
    original(store, data, (err, result) => {
      if (err) return cb(err);
      attached(store)
        .ready.then((log) =>
          log.enableStream({
            tableName,
            streamArn: data['LatestStreamArn'] as string,
            streamLabel: label,
            keySchema: data['KeySchema'] as KeySchemaElement[],
            viewType: spec.viewType,
          }),
        )
        .then(
          () => cb(null, result),
          (e) => cb(dynaliteError(e)),
        );
    });
  };
}

function patchUpdateTable(original: Action, attached: (store: DynaliteStore) => Attached): Action {
  return (store, data, cb) => {
    if (data['StreamSpecification'] === undefined) return original(store, data, cb);
    const tableName = data['TableName'] as string;
    const others = OTHER_TABLE_UPDATES.some((k) => data[k] !== undefined);
    store.tableDb.lock(tableName, (release) => {
      const done = release((err: unknown, table?: unknown) => {
        if (err) return cb(err);
        if (!others) return cb(null, { TableDescription: table });
        delete data['StreamSpecification'];
        original(store, data, cb);
      });
      store.getTable(tableName, false, (err, table) => {
        if (err || !table) return done(err);
        updateTableStream(table, data['StreamSpecification'], attached(store).ready).then(
          () => store.tableDb.put(tableName, table, (e) => done(e, table)),
          (e) => done(dynaliteError(e)),
        );
      });
    });
  };
}

async function updateTableStream(table: TableDescription, specification: unknown, ready: Promise<StreamLog>) {
  const spec = parseStreamSpecification(specification);
  const log = await ready;
  if (!spec.enabled) {
    if (!(await log.disableStream(table.TableName))) {
      throw new StreamsValidationError('Table has no stream to disable');
    }
    delete table.StreamSpecification;
    return;
  }
  const label = streamLabelAt(Date.now());
  await log.enableStream({
    tableName: table.TableName,
    streamArn: streamArnOf(table.TableArn, label),
    streamLabel: label,
    keySchema: table.KeySchema,
    viewType: spec.viewType,
  });
  table.StreamSpecification = { StreamEnabled: true, StreamViewType: spec.viewType };
  table.LatestStreamLabel = label;
  table.LatestStreamArn = streamArnOf(table.TableArn, label);
}

function patchDeleteTable(original: Action, attached: (store: DynaliteStore) => Attached): Action {
  return (store, data, cb) =>
    original(store, data, (err, result) => {
      if (err) return cb(err);
      attached(store)
        .ready.then((log) => log.disableStream(data['TableName'] as string))
        .then(
          () => cb(null, result),
          (e) => cb(dynaliteError(e)),
        );
    });
}

// After a crash between a table write and its stream metadata write, make the two agree: the
// table description is what clients saw acknowledged.
async function reconcile(store: DynaliteStore, log: StreamLog): Promise<void> {
  const tables = (await store.db.iterator({ gt: 'table~', lt: 'table~\uffff' }).all()).map(
    ([, v]) => v as TableDescription,
  );
  const byName = new Map(tables.map((t) => [t.TableName, t]));
  for (const table of tables) {
    const arn = table.LatestStreamArn;
    if (!table.StreamSpecification?.StreamEnabled || !arn || table.TableStatus === 'DELETING') continue;
    if (log.enabledStream(table.TableName)?.streamArn === arn) continue;
    const spec = parseStreamSpecification(table.StreamSpecification);
    if (!spec.enabled) continue;
    await log.disableStream(table.TableName);
    await log.enableStream({
      tableName: table.TableName,
      streamArn: arn,
      streamLabel: table.LatestStreamLabel ?? arn.slice(arn.lastIndexOf('/') + 1),
      keySchema: table.KeySchema,
      viewType: spec.viewType,
    });
  }
  for (const stream of log.listStreams()) {
    const table = byName.get(stream.tableName);
    const current = table?.StreamSpecification?.StreamEnabled && table.LatestStreamArn === stream.streamArn;
    if (stream.status === 'ENABLED' && !current) await log.disableStream(stream.tableName);
  }
}

/** The largest Streams request read: every Streams call is a few hundred bytes (dynalite allows 16 MB for its own). */
const MAX_STREAMS_REQUEST_BYTES = 64 * 1024;

/** The request body, or undefined when it is larger than the limit (the rest is not read). */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_STREAMS_REQUEST_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/x-amz-json-1.0');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('x-amzn-RequestId', Math.random().toString(36).slice(2).toUpperCase().padEnd(12, '0'));
  res.end(text);
}

async function serveStreams(log: Promise<StreamLog>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const operation = String(req.headers['x-amz-target']).slice(STREAMS_TARGET_PREFIX.length);
  try {
    const text = await readBody(req);
    if (text === undefined) {
      return send(res, 413, {
        __type: 'com.amazon.coral.service#SerializationException',
        message: `Request body larger than ${MAX_STREAMS_REQUEST_BYTES} bytes`,
      });
    }
    let request: unknown;
    try {
      request = text ? JSON.parse(text) : {};
    } catch {
      return send(res, 400, { __type: 'com.amazon.coral.service#SerializationException', message: 'Invalid JSON' });
    }
    const result = await handleStreamsOperation(
      await log,
      operation,
      (request ?? {}) as Record<string, unknown>,
      Date.now(),
    );
    send(res, 200, result);
  } catch (err) {
    const known = err instanceof StreamsApiError ? err : new StreamStoreError(String((err as Error)?.message ?? err));
    send(res, known.statusCode, known.toBody());
  }
}

/**
 * Routes DynamoDB Streams calls to the stream log and holds every other request until the log is
 * loaded (a write before that could not be recorded).
 */
function routeRequests(server: Server, log: Promise<StreamLog>): void {
  const handlers = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  let loaded = false;
  void log.then(
    () => (loaded = true),
    () => undefined,
  );
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string' && target.startsWith(STREAMS_TARGET_PREFIX)) {
      void serveStreams(log, req, res);
      return;
    }
    const pass = () => handlers.forEach((h) => h(req, res));
    if (loaded) pass();
    else log.then(pass, (err) => send(res, 500, new StreamStoreError(String(err)).toBody()));
  });
}

function replaceCachedExports(req: NodeJS.Require, id: string, wrap: (original: never) => unknown): void {
  const path = req.resolve(id);
  const original = req(id) as never;
  const cached = req.cache[path];
  if (!cached) throw new Error(`dynalite module ${id} is not in the require cache`);
  cached.exports = wrap(original);
}

const INSTALLED = Symbol.for('streamlens.dynalite-streams');

/**
 * Installs DynamoDB Streams into dynalite: call it before dynalite is first required in this
 * process (`dynalitePath` is `require.resolve('dynalite')`); a second call does nothing. The
 * dynalite factory then returns a server that also answers the DynamoDB Streams API, with the
 * stream settings given under the factory's `streams` option.
 *
 * @example
 * ```ts
 * installDynaliteStreams(require.resolve('dynalite'));
 * const server = require('dynalite')({ path: 'data/dynamodb', streams: { shardLifetimeMs: 60_000 } });
 * ```
 */
export function installDynaliteStreams(dynalitePath: string): void {
  const req = createRequire(dynalitePath);
  const db = req('./db') as { create: (opts: FactoryOptions) => DynaliteStore; [INSTALLED]?: true };
  if (db[INSTALLED]) return;
  db[INSTALLED] = true;
  const byStore = new WeakMap<DynaliteStore, Attached>();
  let latest: Attached | undefined;
  const attached = (store: DynaliteStore): Attached => {
    const found = byStore.get(store);
    if (!found) throw new Error('dynalite store created before installDynaliteStreams');
    return found;
  };

  for (const action of ['createTable', 'updateTable']) {
    (req(`./validations/${action}`) as { types: Record<string, unknown> }).types['StreamSpecification'] =
      STREAM_SPECIFICATION_TYPE;
  }
  const updateValidation = req('./validations/updateTable') as { custom: (data: Record<string, unknown>) => unknown };
  const originalCustom = updateValidation.custom;
  updateValidation.custom = (data) => (data['StreamSpecification'] !== undefined ? undefined : originalCustom(data));

  replaceCachedExports(req, './actions/createTable', (o: Action) => patchCreateTable(o, attached));
  replaceCachedExports(req, './actions/updateTable', (o: Action) => patchUpdateTable(o, attached));
  replaceCachedExports(req, './actions/deleteTable', (o: Action) => patchDeleteTable(o, attached));

  const create = db.create;
  db.create = (opts) => {
    const store = create(opts);
    latest = attachStreams(store, opts.streams ?? {});
    byStore.set(store, latest);
    return store;
  };

  replaceCachedExports(req, dynalitePath, (factory: (opts: FactoryOptions) => Server) => {
    return (opts: FactoryOptions = {}) => {
      const server = factory(opts);
      const { ready } = latest as Attached; // the store this factory call just created
      routeRequests(server, ready);
      const retentionMs = opts.streams?.retentionMs ?? STREAM_RETENTION_MS;
      const timer = setInterval(
        () => void ready.then((log) => log.trim()).catch(() => undefined),
        Math.min(60_000, Math.max(100, retentionMs / 10)),
      );
      timer.unref();
      server.once('close', () => clearInterval(timer));
      return server;
    };
  });
}

/** dynalite's factory options, plus the stream settings this plugin reads. */
interface FactoryOptions extends Record<string, unknown> {
  readonly streams?: DynaliteStreamsOptions;
}

function attachStreams(store: DynaliteStore, options: DynaliteStreamsOptions): Attached {
  const ready = StreamLog.open(levelBackend(store.db), {
    region: store.tableDb.awsRegion,
    shardLifetimeMs: options.shardLifetimeMs,
    retentionMs: options.retentionMs,
  }).then(async (log) => {
    await reconcile(store, log);
    return log;
  });
  const state: Attached = { store, ready };
  void ready.then(
    (log) => (state.log = log),
    () => undefined,
  );
  const getItemDb = store.getItemDb.bind(store);
  const hooked = new WeakSet<ItemDb>();
  (store as { getItemDb: DynaliteStore['getItemDb'] }).getItemDb = (name) => {
    const itemDb = getItemDb(name);
    if (!hooked.has(itemDb)) {
      hooked.add(itemDb);
      hookItemDb(state, name, itemDb);
    }
    return itemDb;
  };
  return state;
}
