// Least-privilege statements per concern, each scoped to the ARNs it is given. Callers
// resolve ARNs (pulumi.all) and combine statements into one document per function and concern.
import type { PolicyStatement } from './policy-document';
import { WILDCARD_RESOURCE_EXCEPTIONS } from './policy-document';

/** How a function uses a table. */
export type TableAccess = 'read' | 'write' | 'read-write';

/** A table a function touches, with its ARN and whether it has secondary indexes. */
export interface TableGrant {
  readonly tableArn: string;
  readonly access: TableAccess;
  readonly hasIndexes?: boolean;
}

const DYNAMO_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;
// No DeleteItem: items leave by TTL. No Scan: every read is a key or key-range query.
const DYNAMO_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'] as const;

/** Writing the function's own log streams into its own log group. */
export function logsStatement(logGroupArn: string): PolicyStatement {
  return {
    Sid: 'WriteOwnLogs',
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: [logGroupArn, `${logGroupArn}:*`],
  };
}

/**
 * What a Kinesis event-source mapping needs to poll the stream with the function's role.
 * No kinesis:ListStreams (it accepts only Resource "*" and the poller does not need it) and no
 * SubscribeToShard (no enhanced fan-out consumer).
 */
export function kinesisReadStatements(streamArn: string, customerKeyArn?: string): PolicyStatement[] {
  const read: PolicyStatement = {
    Sid: 'ReadStream',
    Effect: 'Allow',
    Action: [
      'kinesis:DescribeStream',
      'kinesis:DescribeStreamSummary',
      'kinesis:GetRecords',
      'kinesis:GetShardIterator',
      'kinesis:ListShards',
    ],
    Resource: [streamArn],
  };
  return customerKeyArn ? [read, kmsStatement('DecryptStream', 'kms:Decrypt', customerKeyArn)] : [read];
}

/**
 * What a mapping reading through an enhanced fan-out consumer needs: the shard list from the
 * stream, and SubscribeToShard / DescribeStreamConsumer on its own consumer only (no GetRecords).
 */
export function kinesisFanOutStatements(
  streamArn: string,
  consumerArn: string,
  customerKeyArn?: string,
): PolicyStatement[] {
  const stream: PolicyStatement = {
    Sid: 'ListStreamShards',
    Effect: 'Allow',
    Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards'],
    Resource: [streamArn],
  };
  const consumer: PolicyStatement = {
    Sid: 'SubscribeThroughOwnConsumer',
    Effect: 'Allow',
    Action: ['kinesis:DescribeStreamConsumer', 'kinesis:SubscribeToShard'],
    Resource: [consumerArn],
  };
  return customerKeyArn
    ? [stream, consumer, kmsStatement('DecryptStream', 'kms:Decrypt', customerKeyArn)]
    : [stream, consumer];
}

/** What the ingest function needs to put records (ListShards: the producer maps keys to shards). */
export function kinesisWriteStatements(streamArn: string, customerKeyArn?: string): PolicyStatement[] {
  const write: PolicyStatement = {
    Sid: 'WriteStream',
    Effect: 'Allow',
    Action: ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:ListShards', 'kinesis:DescribeStreamSummary'],
    Resource: [streamArn],
  };
  return customerKeyArn ? [write, kmsStatement('EncryptStream', 'kms:GenerateDataKey', customerKeyArn)] : [write];
}

function kmsStatement(sid: string, action: string, keyArn: string): PolicyStatement {
  return { Sid: sid, Effect: 'Allow', Action: [action], Resource: [keyArn] };
}

/** Item-level access to tables; index ARNs are added for reads when the table has indexes. */
export function dynamoStatements(grants: readonly TableGrant[]): PolicyStatement[] {
  return grants.map((grant, i) => {
    const actions: string[] = [];
    if (grant.access !== 'write') actions.push(...DYNAMO_READ);
    if (grant.access !== 'read') actions.push(...DYNAMO_WRITE);
    const resources = [grant.tableArn];
    if (grant.hasIndexes && grant.access !== 'write') resources.push(`${grant.tableArn}/index/*`);
    return { Sid: `Table${i}${pascal(grant.access)}`, Effect: 'Allow', Action: actions, Resource: resources };
  });
}

/** The event-source mapping's on-failure destination. */
export function sqsSendStatement(queueArn: string): PolicyStatement {
  return { Sid: 'SendToOnFailureQueue', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [queueArn] };
}

/**
 * The event-source mapping's S3 on-failure destination: AWS documents s3:PutObject on the
 * objects and s3:ListBucket on the bucket for the execution role.
 */
export function s3FailureStatements(bucketArn: string): PolicyStatement[] {
  return [
    { Sid: 'PutFailureRecords', Effect: 'Allow', Action: ['s3:PutObject'], Resource: [`${bucketArn}/*`] },
    { Sid: 'ListFailureBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [bucketArn] },
  ];
}

/** ENI management for functions inside a VPC: a documented Resource "*" exception. */
export function vpcAccessStatement(): PolicyStatement {
  const exception = WILDCARD_RESOURCE_EXCEPTIONS[0];
  return { Sid: exception.sid, Effect: 'Allow', Action: [...exception.actions], Resource: ['*'] };
}

/** The report's pipeline-health reads: a documented Resource "*" exception (read-only metrics). */
export function metricsReadStatement(): PolicyStatement {
  const exception = WILDCARD_RESOURCE_EXCEPTIONS[1];
  return { Sid: exception.sid, Effect: 'Allow', Action: [...exception.actions], Resource: ['*'] };
}

function pascal(text: string): string {
  return text
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
