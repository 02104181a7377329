// Resource policies (attached to the queue, key or bucket itself, not to a role): pure builders
// from resolved ARNs and account ids.

/** A resource policy document with its statements kept as plain data. */
export interface ResourcePolicy {
  readonly Version: '2012-10-17';
  readonly Statement: readonly Readonly<Record<string, unknown>>[];
}

/**
 * Denies every action of a service on a resource over plain HTTP, whoever asks: what travels to
 * or from a queue or bucket is encrypted in transit too (SSE covers it at rest only).
 */
function tlsOnlyPolicy(service: 'sqs' | 's3', resource: string | readonly string[]): ResourcePolicy {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyWithoutTls',
        Effect: 'Deny',
        Principal: '*',
        Action: `${service}:*`,
        Resource: resource,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
}

/**
 * TLS-only policy of an on-failure queue.
 *
 * @example
 * ```ts
 * new aws.sqs.QueuePolicy('q-tls', { queueUrl: q.url, policy: q.arn.apply((a) => JSON.stringify(tlsOnlyQueuePolicy(a))) });
 * ```
 */
export function tlsOnlyQueuePolicy(queueArn: string): ResourcePolicy {
  return tlsOnlyPolicy('sqs', queueArn);
}

/** TLS-only policy of an on-failure bucket: the bucket and its objects. */
export function tlsOnlyBucketPolicy(bucketArn: string): ResourcePolicy {
  return tlsOnlyPolicy('s3', [bucketArn, `${bucketArn}/*`]);
}

/**
 * Key policy of the alarm topic's key: the account administers it through IAM (AWS's default
 * statement), and CloudWatch — which publishes alarms to the topic — may encrypt and decrypt
 * with it for this account's alarms only. The AWS managed aws/sns key cannot be used for this:
 * its policy admits no service principal.
 */
export function alarmTopicKeyPolicy(accountId: string, partition = 'aws'): ResourcePolicy {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AccountAdministersThroughIam',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: ['kms:*'],
        Resource: '*',
      },
      {
        Sid: 'CloudWatchPublishesAlarms',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
      },
    ],
  };
}
