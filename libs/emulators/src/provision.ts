// Creates streams and tables on the emulators from the same specs infra uses.
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTableCommand,
  type TableDescription,
  type AttributeDefinition,
  type DynamoDBClient,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  ResourceInUseException as StreamInUseException,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import type { TableSpec } from '@streamlens/tables';
import { EmulatorError, EmulatorReadinessError } from './errors';

const POLL_MS = 20;

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new EmulatorReadinessError(`${what} did not become ACTIVE within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * Creates a provisioned stream (idempotent: an existing stream is kept, e.g. from a persisted
 * data dir) and waits until it is ACTIVE. Returns the stream ARN.
 */
export async function ensureStream(
  client: KinesisClient,
  streamName: string,
  shardCount: number,
  timeoutMs = 10_000,
): Promise<string> {
  try {
    await client.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: shardCount }));
  } catch (err) {
    if (!(err instanceof StreamInUseException)) throw err;
  }
  let arn = '';
  await waitFor(`stream ${streamName}`, timeoutMs, async () => {
    const { StreamDescriptionSummary: s } = await client.send(
      new DescribeStreamSummaryCommand({ StreamName: streamName }),
    );
    arn = s?.StreamARN ?? '';
    return s?.StreamStatus === 'ACTIVE';
  });
  return arn;
}

/** The CreateTable key schema and attribute definitions of a spec. */
export function tableKeyDefinition(spec: TableSpec): {
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: AttributeDefinition[];
} {
  const KeySchema: KeySchemaElement[] = [{ AttributeName: spec.hashKey.name, KeyType: 'HASH' }];
  const attrs = new Map<string, string>([[spec.hashKey.name, spec.hashKey.type]]);
  if (spec.rangeKey) {
    KeySchema.push({ AttributeName: spec.rangeKey.name, KeyType: 'RANGE' });
    attrs.set(spec.rangeKey.name, spec.rangeKey.type);
  }
  for (const gsi of spec.globalSecondaryIndexes) {
    attrs.set(gsi.hashKey.name, gsi.hashKey.type);
    if (gsi.rangeKey) attrs.set(gsi.rangeKey.name, gsi.rangeKey.type);
  }
  const AttributeDefinitions = [...attrs].map(([AttributeName, AttributeType]) => ({
    AttributeName,
    AttributeType: AttributeType as AttributeDefinition['AttributeType'],
  }));
  return { KeySchema, AttributeDefinitions };
}

/**
 * Creates a table from its spec (idempotent) and waits until it is ACTIVE. A table the spec
 * streams gets its stream (also a table kept from an older data dir that has none, or one of
 * another view type, which is replaced). Returns the table as described once ACTIVE
 * (`LatestStreamArn` is the stream to map).
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  spec: TableSpec,
  timeoutMs = 10_000,
): Promise<TableDescription> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        ...tableKeyDefinition(spec),
        ...(spec.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: spec.stream.viewType } } : {}),
        ...(spec.globalSecondaryIndexes.length > 0
          ? {
              GlobalSecondaryIndexes: spec.globalSecondaryIndexes.map((gsi) => ({
                IndexName: gsi.name,
                KeySchema: [
                  { AttributeName: gsi.hashKey.name, KeyType: 'HASH' as const },
                  ...(gsi.rangeKey ? [{ AttributeName: gsi.rangeKey.name, KeyType: 'RANGE' as const }] : []),
                ],
                Projection: { ProjectionType: gsi.projection },
              })),
            }
          : {}),
      }),
    );
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
  }
  const active = async () => {
    let table: TableDescription | undefined;
    await waitFor(`table ${tableName}`, timeoutMs, async () => {
      table = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
      return table?.TableStatus === 'ACTIVE';
    });
    return table as TableDescription;
  };
  const table = await active();
  const wanted = spec.stream?.viewType;
  const current = table.StreamSpecification?.StreamEnabled ? table.StreamSpecification.StreamViewType : undefined;
  if (wanted === current || (!wanted && current)) return table;
  try {
    if (current) {
      await client.send(
        new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: false } }),
      );
      await active();
    }
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        StreamSpecification: { StreamEnabled: true, StreamViewType: wanted },
      }),
    );
  } catch (err) {
    throw new EmulatorError(
      `table ${tableName} needs a ${wanted} stream and the DynamoDB endpoint did not enable one ` +
        `(an emulator without DynamoDB Streams? dynalite from spawnEmulator/startDynalite has them): ${String(err)}`,
      { cause: err },
    );
  }
  const updated = await active();
  if (updated.StreamSpecification?.StreamViewType !== wanted) {
    throw new EmulatorError(`table ${tableName} still has no ${wanted} stream after UpdateTable`);
  }
  return updated;
}
