// Checkpoints and on-failure records on DynamoDB (local-only tables of the local stack).
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Checkpoint, CheckpointRepository, ShardCheckpoint } from './checkpoint-repository';
import { UnprocessedItemsError } from './errors';
import {
  checkpointFromItem,
  checkpointItem,
  checkpointKey,
  checkpointPartition,
  FAILURES_PARTITION,
  failureKey,
} from './local-state-items';
import type { FailureDestinationRepository, OnFailureRecord } from './on-failure-record';
import { documentClient, type DynamoRepositoryOptions } from './repository-options';
import { resolveRetry, type ResolvedRetry } from './retry-policy';
import { retryOrThrow, withRetry } from './with-retry';

async function queryAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  retry: ResolvedRetry,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await retryOrThrow(
      () =>
        doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        ),
      retry,
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

async function putOne(
  doc: DynamoDBDocumentClient,
  tableName: string,
  id: string,
  item: Record<string, unknown>,
  retry: ResolvedRetry,
): Promise<void> {
  const out = await withRetry(() => doc.send(new PutCommand({ TableName: tableName, Item: item })), retry);
  if (!out.ok) {
    throw new UnprocessedItemsError(tableName, [id], [{ pk: String(item['pk']), sk: String(item['sk']) }], out.giveUp, {
      writtenIds: [],
      skippedIds: [],
      rejected: [],
    });
  }
}

/**
 * Checkpoints of the local event-source mapping on DynamoDB.
 *
 * @example
 * ```ts
 * const cps = new DynamoCheckpointRepository({ client, tableName: localTableName('dev', 'checkpoints') });
 * await cps.put('consumer', 'shardId-000000000000', { sequenceNumber: '49…', updatedAt: new Date().toISOString() });
 * ```
 */
export class DynamoCheckpointRepository implements CheckpointRepository {
  private readonly doc: DynamoDBDocumentClient;
  private readonly retry: ResolvedRetry;

  constructor(private readonly options: DynamoRepositoryOptions) {
    this.doc = documentClient(options);
    this.retry = resolveRetry(options.retry);
  }

  async get(mappingId: string, shardId: string): Promise<Checkpoint | undefined> {
    const out = await retryOrThrow(
      () =>
        this.doc.send(
          new GetCommand({
            TableName: this.options.tableName,
            Key: checkpointKey(mappingId, shardId),
            ConsistentRead: true,
          }),
        ),
      this.retry,
    );
    return out.Item ? checkpointFromItem(out.Item) : undefined;
  }

  async put(mappingId: string, shardId: string, checkpoint: Checkpoint): Promise<void> {
    await putOne(
      this.doc,
      this.options.tableName,
      `${mappingId}/${shardId}`,
      checkpointItem(mappingId, shardId, checkpoint),
      this.retry,
    );
  }

  async list(mappingId: string): Promise<ShardCheckpoint[]> {
    const items = await queryAll(this.doc, this.options.tableName, checkpointPartition(mappingId), this.retry);
    return items.map((item) => ({ shardId: String(item['shardId']), checkpoint: checkpointFromItem(item) }));
  }
}

/**
 * The local on-failure destination on DynamoDB (AWS uses SQS).
 *
 * @example
 * ```ts
 * const dlq = new DynamoFailureDestinationRepository({ client, tableName: localTableName('dev', 'failures') });
 * await dlq.put(record);
 * ```
 */
export class DynamoFailureDestinationRepository implements FailureDestinationRepository {
  private readonly doc: DynamoDBDocumentClient;
  private readonly retry: ResolvedRetry;

  constructor(private readonly options: DynamoRepositoryOptions) {
    this.doc = documentClient(options);
    this.retry = resolveRetry(options.retry);
  }

  async put(record: OnFailureRecord): Promise<void> {
    const key = failureKey(record);
    await putOne(
      this.doc,
      this.options.tableName,
      record.requestContext.requestId,
      { ...key, record: JSON.stringify(record) },
      this.retry,
    );
  }

  async list(): Promise<OnFailureRecord[]> {
    const items = await queryAll(this.doc, this.options.tableName, FAILURES_PARTITION, this.retry);
    return items.map((item) => JSON.parse(String(item['record'])) as OnFailureRecord);
  }
}
