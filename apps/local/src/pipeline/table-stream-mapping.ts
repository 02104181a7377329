// Local stack: a Lambda event-source mapping from a table's DynamoDB stream (e.g. the trends
// table's) to a function — the same EventSourceMapping as the Kinesis mappings, over
// DynamoDBStreamSource, with its checkpoints and on-failure records under the data dir.
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@streamlens/emulators';
import {
  DynamoDBStreamSource,
  EventSourceMapping,
  InMemoryCheckpointStore,
  InMemoryFailureDestination,
  JsonFileCheckpointStore,
  JsonFileFailureDestination,
  type FailureRecord,
  type FunctionInvoker,
  type Logger,
  type MappingSettings,
} from '@streamlens/event-source-mapping';

/** Options of {@link startTableStreamMapping}. */
export interface TableStreamMappingOptions {
  /** `streamlens-<stack>-<function>`: checkpoints are kept under this id. */
  readonly mappingId: string;
  /** The DynamoDB endpoint (the Streams API is served on the same one, by dynalite and DynamoDB Local). */
  readonly dynamodbEndpoint: string;
  /** The table's LatestStreamArn (from `ensureTable`, or `LocalStack.tableStreamArns`). */
  readonly streamArn: string;
  readonly invoker: FunctionInvoker;
  readonly settings: MappingSettings;
  /** Checkpoints and on-failure records as JSON files here; in memory without it. */
  readonly dir?: string;
  /** Send batches that exhausted retries or age to the local on-failure destination. */
  readonly onFailure: boolean;
  readonly logger: Logger;
}

/** A running table-stream mapping. */
export interface TableStreamMapping {
  readonly mapping: EventSourceMapping;
  /** The local on-failure destination (`DDBStreamBatchInfo` records). */
  readonly destination: { list(): readonly FailureRecord[] | Promise<readonly FailureRecord[]> };
  /** Drains in-flight batches, persists checkpoints and closes the Streams client. */
  stop(): Promise<void>;
}

/**
 * Starts a mapping from a table's stream to a function.
 *
 * @example
 * ```ts
 * const trends = await startTableStreamMapping({
 *   mappingId: 'streamlens-dev-alerts', dynamodbEndpoint: dynamo.endpoint,
 *   streamArn: stack.tableStreamArns.trends, invoker, settings, dir: 'data/mappings/alerts',
 *   onFailure: true, logger,
 * });
 * await trends.stop();
 * ```
 */
export async function startTableStreamMapping(o: TableStreamMappingOptions): Promise<TableStreamMapping> {
  const streams = new DynamoDBStreamsClient({
    endpoint: o.dynamodbEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    requestHandler: new NodeHttpHandler({ httpAgent: { keepAlive: true } }),
  });
  const destination = o.dir ? new JsonFileFailureDestination(o.dir) : new InMemoryFailureDestination();
  const mapping = new EventSourceMapping({
    source: new DynamoDBStreamSource({ streams, streamArn: o.streamArn }),
    mappingId: o.mappingId,
    settings: o.settings,
    invoker: o.invoker,
    checkpoints: o.dir ? new JsonFileCheckpointStore(o.dir) : new InMemoryCheckpointStore(),
    ...(o.onFailure ? { onFailure: destination } : {}),
    logger: o.logger,
  });
  try {
    await mapping.start();
  } catch (err) {
    streams.destroy();
    throw err;
  }
  return {
    mapping,
    destination,
    stop: async () => {
      await mapping.stop({ drain: true });
      streams.destroy();
    },
  };
}
