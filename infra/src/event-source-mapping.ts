// Mapping concern: a Kinesis event-source mapping, its on-failure queue and the role
// permissions the poller needs (read the stream, send failures to the queue).
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { DLQ_RETENTION_SECONDS } from './constants';
import type { PolicyStatement } from './iam/policy-document';
import { tlsOnlyQueuePolicy } from './iam/resource-policies';
import { serializePolicy } from './iam/serialize';
import { kinesisReadStatements, sqsSendStatement } from './iam/statements';
import type { MappingSettingsArgs } from './mapping-settings';
import { mappingInputs } from './mapping-settings';

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
 * An event-source mapping from the stream to a function, with an SQS on-failure destination
 * (SSE, TLS only, 14 days retention) when `settings.onFailureDestination` is true.
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

  constructor(name: string, args: KinesisMappingArgs, opts?: pulumi.ComponentResourceOptions) {
    super('streamlens:infra:KinesisMapping', name, {}, opts);
    const inputs = mappingInputs({ component: 'KinesisMapping', name }, args.settings, args.streamRetentionHours);

    const dlq = args.settings.onFailureDestination
      ? new aws.sqs.Queue(
          `${name}-dlq`,
          { sqsManagedSseEnabled: true, messageRetentionSeconds: DLQ_RETENTION_SECONDS, tags: { ...args.tags } },
          { parent: this },
        )
      : undefined;
    if (dlq) {
      new aws.sqs.QueuePolicy(
        `${name}-dlq-tls`,
        { queueUrl: dlq.url, policy: dlq.arn.apply((arn) => JSON.stringify(tlsOnlyQueuePolicy(arn))) },
        { parent: this },
      );
    }

    const statements: pulumi.Output<PolicyStatement[]> = pulumi
      .all([args.streamArn, args.customerKeyArn, dlq?.arn])
      .apply(([streamArn, keyArn, dlqArn]) => [
        ...kinesisReadStatements(streamArn, keyArn),
        ...(dlqArn ? [sqsSendStatement(dlqArn)] : []),
      ]);
    // CreateEventSourceMapping checks the role's permissions: the policy must exist first.
    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      { role: args.roleName, policy: serializePolicy(`${name}-policy`, statements) },
      { parent: this },
    );
    const mapping = new aws.lambda.EventSourceMapping(
      `${name}-esm`,
      {
        functionName: args.functionName,
        eventSourceArn: args.streamArn,
        ...inputs,
        ...(dlq ? { destinationConfig: { onFailure: { destinationArn: dlq.arn } } } : {}),
        tags: { ...args.tags },
      },
      { parent: this, dependsOn: [policy] },
    );

    this.mappingUuid = mapping.uuid;
    this.dlqUrl = dlq?.url;
    this.dlqArn = dlq?.arn;
    this.dlqName = dlq?.name;
    this.registerOutputs({ mappingUuid: this.mappingUuid, dlqUrl: this.dlqUrl });
  }
}
