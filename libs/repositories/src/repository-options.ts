// Options every DynamoDB repository takes: the client and table name are passed in (never
// read from the environment), plus the retry bound.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CapacityMeter } from './capacity';
import { RepositoryConfigError } from './errors';
import type { RetryOptions } from './retry-policy';

/** Common options of the DynamoDB repositories. */
export interface DynamoRepositoryOptions {
  /** A DynamoDB client (its middleware, e.g. fault injection in tests, applies to every call). */
  readonly client: DynamoDBClient;
  /** Physical table name (from Pulumi outputs or `localTableName`). */
  readonly tableName: string;
  readonly retry?: RetryOptions;
  /** Counts the read and write units the repository's calls consume (ReturnConsumedCapacity TOTAL). */
  readonly capacity?: CapacityMeter;
}

/** A document client sharing the given client's configuration and middleware stack. */
export function documentClient(options: DynamoRepositoryOptions): DynamoDBDocumentClient {
  if (typeof options.tableName !== 'string' || options.tableName.length === 0)
    throw new RepositoryConfigError('tableName', 'must be a non-empty string');
  if (!options.client) throw new RepositoryConfigError('client', 'a DynamoDBClient is required');
  return DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
}
