// Least-privilege rules and the statement builders.
import { findPolicyViolations, policyDocument } from '../../src/iam/policy-document';
import type { PolicyStatement } from '../../src/iam/policy-document';
import {
  dynamoStatements,
  kinesisReadStatements,
  kinesisWriteStatements,
  logsStatement,
  sqsSendStatement,
  vpcAccessStatement,
} from '../../src/iam/statements';

const STREAM = 'arn:aws:kinesis:eu-west-1:123456789012:stream/posts-stream-1a2b3c4';
const TABLE = 'arn:aws:dynamodb:eu-west-1:123456789012:table/tables-posts-1a2b3c4';
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/abc';
const allow = (Sid: string, Action: string[], Resource: string[]): PolicyStatement => ({
  Sid,
  Effect: 'Allow',
  Action,
  Resource,
});

describe('findPolicyViolations', () => {
  it('flags wildcard actions of every shape', () => {
    const doc = policyDocument([
      allow('A', ['*'], [STREAM]),
      allow('B', ['kinesis:*'], [STREAM]),
      allow('C', ['kinesis:Get*'], [STREAM]),
    ]);
    expect(findPolicyViolations(doc)).toEqual([
      'A: wildcard action "*"',
      'B: wildcard action "kinesis:*"',
      'C: wildcard action "kinesis:Get*"',
    ]);
  });

  it('flags Resource "*" unless every action belongs to a documented exception', () => {
    expect(findPolicyViolations(policyDocument([allow('X', ['kinesis:ListStreams'], ['*'])]))).toEqual([
      'X: Resource "*" for kinesis:ListStreams is not a documented exception',
    ]);
    expect(
      findPolicyViolations(policyDocument([allow('Y', ['ec2:DescribeSubnets', 'dynamodb:GetItem'], ['*'])])),
    ).toHaveLength(1);
    expect(findPolicyViolations(policyDocument([vpcAccessStatement()]))).toEqual([]);
  });

  it('flags non-ARNs and ARNs the stack does not own; accepts owned ARNs and their child patterns', () => {
    const logs = 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f';
    const doc = policyDocument([
      allow('Own', ['dynamodb:GetItem'], [TABLE, `${TABLE}/index/*`]),
      allow('Logs', ['logs:PutLogEvents'], [logs, `${logs}:*`]),
      allow('Foreign', ['dynamodb:GetItem'], ['arn:aws:dynamodb:eu-west-1:999999999999:table/other']),
      allow('Text', ['sqs:SendMessage'], ['my-queue']),
    ]);
    expect(findPolicyViolations(doc, [TABLE, logs])).toEqual([
      'Foreign: resource "arn:aws:dynamodb:eu-west-1:999999999999:table/other" is not an ARN of this stack',
      'Text: resource "my-queue" is not an ARN',
    ]);
  });
});

describe('statement builders', () => {
  it('kinesis read: the poller set on the stream only, no ListStreams or SubscribeToShard', () => {
    expect(kinesisReadStatements(STREAM)).toEqual([
      allow(
        'ReadStream',
        [
          'kinesis:DescribeStream',
          'kinesis:DescribeStreamSummary',
          'kinesis:GetRecords',
          'kinesis:GetShardIterator',
          'kinesis:ListShards',
        ],
        [STREAM],
      ),
    ]);
  });

  it('KMS grants appear only with a customer key', () => {
    expect(kinesisReadStatements(STREAM, KEY)[1]).toEqual(allow('DecryptStream', ['kms:Decrypt'], [KEY]));
    expect(kinesisWriteStatements(STREAM, KEY)[1]).toEqual(allow('EncryptStream', ['kms:GenerateDataKey'], [KEY]));
    expect(kinesisWriteStatements(STREAM)).toHaveLength(1);
  });

  it('dynamo: read, write and read-write action sets; index ARNs only for readers of indexed tables', () => {
    const [read, write, both] = dynamoStatements([
      { tableArn: TABLE, access: 'read', hasIndexes: true },
      { tableArn: TABLE, access: 'write', hasIndexes: true },
      { tableArn: TABLE, access: 'read-write' },
    ]);
    expect(read).toEqual(
      allow('Table0Read', ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'], [TABLE, `${TABLE}/index/*`]),
    );
    expect(write).toEqual(
      allow('Table1Write', ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'], [TABLE]),
    );
    expect(both?.Action).toEqual([...(read?.Action ?? []), ...(write?.Action ?? [])]);
    expect(both?.Action).not.toContain('dynamodb:Scan');
    expect(both?.Action).not.toContain('dynamodb:DeleteItem');
  });

  it('logs and SQS are scoped to the one resource', () => {
    expect(logsStatement('arn:lg').Resource).toEqual(['arn:lg', 'arn:lg:*']);
    expect(sqsSendStatement('arn:q')).toEqual(allow('SendToOnFailureQueue', ['sqs:SendMessage'], ['arn:q']));
  });
});
