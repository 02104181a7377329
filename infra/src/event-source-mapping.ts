// Mapping concern: a Kinesis event-source mapping, its on-failure target (queue or bucket) and
// the role permissions the poller needs (read the stream, deliver failure records).
import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
import { kinesisFanOutStatements, kinesisReadStatements } from './iam/statements';
import { declareMappingResources } from './mapping-resources';
import type { MappingSettingsArgs } from './mapping-settings';
import { mappingInputs } from './mapping-settings';
import type { OnFailureTarget } from './on-failure-target';
import { failureBucket, failureQueue } from './on-failure-target';

/** Args of {@link KinesisMapping}. */
export interface KinesisMappingArgs {
  readonly functionName: pulumi.Input<string>;
  /** Execution role of the function: the poller reads the stream with it. */
  readonly roleName: pulumi.Input<string>;
  readonly streamArn: pulumi.Input<string>;
  /** Retention of the stream in hours: the record age must fit in it. */
  readonly streamRetentionHours: number;
  /** Customer KMS key of the stream, if any (kms:Decrypt is granted on it). */
  readonly customerKeyArn?: pulumi.Input<string | undefined>;
  readonly settings: MappingSettingsArgs;
  /** Tags for every taggable resource of the component. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An event-source mapping from the stream to a function, with an on-failure destination when
 * `settings.onFailureDestination` is true: an SQS queue (SSE, TLS only, 14 days) or, with
 * `onFailureTarget: 's3'`, an S3 bucket (SSE, private, TLS only, lifecycle-expired).
 *
 * @example
 * ```ts
 * new KinesisMapping('consumer-mapping', { functionName: fn.functionName, roleName: fn.roleName,
 *   streamArn: stream.streamArn, streamRetentionHours: 24, settings }, { dependsOn: [fn] });
 * ```
 */
export class KinesisMapping extends pulumi.ComponentResource {
  readonly mappingUuid: pulumi.Output<string>;
  /** Undefined when the mapping has no on-failure destination. */
  readonly dlqUrl: pulumi.Output<string> | undefined;
  readonly dlqArn: pulumi.Output<string> | undefined;
  readonly dlqName: pulumi.Output<string> | undefined;
  /** The enhanced fan-out consumer the mapping reads through; undefined when it shares the shards. */
  readonly consumerArn: pulumi.Output<string> | undefined;
  /** The S3 bucket of failure records; undefined unless the target is s3. */
  readonly failureBucketName: pulumi.Output<string> | undefined;

  constructor(name: string, args: KinesisMappingArgs, opts?: pulumi.ComponentResourceOptions) {
    super('streamlens:infra:KinesisMapping', name, {}, opts);
    const inputs = mappingInputs({ component: 'KinesisMapping', name }, args.settings, {
      streamRetentionHours: args.streamRetentionHours,
    });

    const target: OnFailureTarget | undefined = !args.settings.onFailureDestination
      ? undefined
      : args.settings.onFailureTarget === 's3'
        ? failureBucket(name, args.tags, this)
        : failureQueue(name, args.tags, this);

    // Enhanced fan-out: a consumer of the mapping's own gets 2 MiB/s per shard pushed to it,
    // instead of sharing each shard's 5 GetRecords/s and 2 MiB/s with the other readers.
    const consumer = args.settings.enhancedFanOut
      ? new aws.kinesis.StreamConsumer(
          `${name}-efo`,
          { streamArn: args.streamArn, tags: { ...args.tags } },
          { parent: this },
        )
      : undefined;
    const mapping = declareMappingResources(this, name, {
      functionName: args.functionName,
      roleName: args.roleName,
      eventSourceArn: consumer ? consumer.arn : args.streamArn,
      inputs,
      target,
      readStatements: pulumi
        .all([args.streamArn, args.customerKeyArn, consumer?.arn])
        .apply(([streamArn, keyArn, consumerArn]) =>
          consumerArn
            ? kinesisFanOutStatements(streamArn, consumerArn, keyArn)
            : kinesisReadStatements(streamArn, keyArn),
        ),
      ...(args.tags ? { tags: args.tags } : {}),
    });

    this.mappingUuid = mapping.uuid;
    const queue = target?.kind === 'sqs' ? target : undefined;
    this.dlqUrl = queue?.url;
    this.dlqArn = queue?.arn;
    this.dlqName = queue?.name;
    this.failureBucketName = target?.kind === 's3' ? target.name : undefined;
    this.consumerArn = consumer?.arn;
    this.registerOutputs({ mappingUuid: this.mappingUuid, dlqUrl: this.dlqUrl });
  }
}
