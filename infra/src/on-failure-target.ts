// Where a mapping's failed batches go: an SQS queue (a record describing the batch) or an S3
// bucket (AWS also stores the whole invocation record there, so the batch outlives the stream's
// retention). Both encrypted, TLS only, and emptied by themselves (queue retention, lifecycle).
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { DLQ_RETENTION_SECONDS, FAILURE_BUCKET_RETENTION_DAYS } from './constants';
import type { PolicyStatement } from './iam/policy-document';
import { tlsOnlyBucketPolicy, tlsOnlyQueuePolicy } from './iam/resource-policies';
import { s3FailureStatements, sqsSendStatement } from './iam/statements';

/** What the mapping needs from its on-failure target. */
export interface OnFailureTarget {
  readonly kind: 'sqs' | 's3';
  readonly arn: pulumi.Output<string>;
  /** Queue or bucket name. */
  readonly name: pulumi.Output<string>;
  /** Queue URL (sqs only). */
  readonly url?: pulumi.Output<string>;
  /** What the function's role needs to deliver a failure record there. */
  statements(arn: string): PolicyStatement[];
}

type Tags = Readonly<Record<string, string>> | undefined;

/** An SQS queue: SSE, 14 days (SQS's maximum), TLS only. */
export function failureQueue(name: string, tags: Tags, parent: pulumi.Resource): OnFailureTarget {
  const queue = new aws.sqs.Queue(
    `${name}-dlq`,
    { sqsManagedSseEnabled: true, messageRetentionSeconds: DLQ_RETENTION_SECONDS, tags: { ...tags } },
    { parent },
  );
  new aws.sqs.QueuePolicy(
    `${name}-dlq-tls`,
    { queueUrl: queue.url, policy: queue.arn.apply((arn) => JSON.stringify(tlsOnlyQueuePolicy(arn))) },
    { parent },
  );
  return {
    kind: 'sqs',
    arn: queue.arn,
    name: queue.name,
    url: queue.url,
    statements: (arn) => [sqsSendStatement(arn)],
  };
}

/**
 * An S3 bucket: SSE-S3, public access blocked, bucket-owner-enforced objects, TLS only, objects
 * expire after {@link FAILURE_BUCKET_RETENTION_DAYS} days.
 */
export function failureBucket(name: string, tags: Tags, parent: pulumi.Resource): OnFailureTarget {
  // forceDestroy: a stack that is torn down takes its failure records with it (as with a queue).
  const bucket = new aws.s3.Bucket(`${name}-failures`, { forceDestroy: true, tags: { ...tags } }, { parent });
  new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-failures-sse`,
    { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
    { parent },
  );
  new aws.s3.BucketPublicAccessBlock(
    `${name}-failures-private`,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    { parent },
  );
  new aws.s3.BucketOwnershipControls(
    `${name}-failures-owner`,
    { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } },
    { parent },
  );
  new aws.s3.BucketLifecycleConfiguration(
    `${name}-failures-lifecycle`,
    {
      bucket: bucket.id,
      rules: [
        {
          id: 'expire-failure-records',
          status: 'Enabled',
          filter: { prefix: '' },
          expiration: { days: FAILURE_BUCKET_RETENTION_DAYS },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
        },
      ],
    },
    { parent },
  );
  new aws.s3.BucketPolicy(
    `${name}-failures-tls`,
    { bucket: bucket.id, policy: bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) },
    { parent },
  );
  return { kind: 's3', arn: bucket.arn, name: bucket.bucket, statements: (arn) => s3FailureStatements(arn) };
}
