// Stream concern: the Kinesis data stream every producer writes to and both mappings read.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { StreamSettings } from './stream-settings';
import { kmsAliasName, streamInputs } from './stream-settings';

/** Args of {@link Stream}. */
export type StreamArgs = StreamSettings;

/**
 * A Kinesis data stream, provisioned or on-demand, KMS-encrypted by default.
 *
 * @example
 * ```ts
 * const stream = new Stream('posts', { capacity: { mode: 'on-demand' }, retentionHours: 168,
 *   encryption: { type: 'aws-managed' }, shardLevelMetrics: [] });
 * ```
 */
export class Stream extends pulumi.ComponentResource {
  readonly streamName: pulumi.Output<string>;
  readonly streamArn: pulumi.Output<string>;
  /** Retention in hours, for alarm thresholds. */
  readonly retentionHours: number;
  /**
   * Key ARN readers and writers need KMS grants on; undefined for the AWS managed key (its key
   * policy already allows any principal of the account through Kinesis) and for no encryption.
   */
  readonly customerKeyArn: pulumi.Output<string | undefined>;

  constructor(name: string, args: StreamArgs, opts?: pulumi.ComponentResourceOptions) {
    super('streamlens:infra:Stream', name, {}, opts);
    const inputs = streamInputs({ component: 'Stream', name }, args);
    const stream = new aws.kinesis.Stream(`${name}-stream`, { ...inputs, tags: { ...args.tags } }, { parent: this });
    this.streamName = stream.name;
    this.streamArn = stream.arn;
    this.retentionHours = inputs.retentionPeriod;
    this.customerKeyArn = customerKeyArn(args, this);
    this.registerOutputs({ streamName: this.streamName, streamArn: this.streamArn });
  }
}

// IAM grants need the key ARN: an alias ARN is resolved to its target key.
function customerKeyArn(args: StreamArgs, parent: pulumi.Resource): pulumi.Output<string | undefined> {
  if (args.encryption.type !== 'customer-key') return pulumi.output(undefined);
  const alias = kmsAliasName(args.encryption.kmsKeyArn);
  if (!alias) return pulumi.output(args.encryption.kmsKeyArn);
  return aws.kms.getAliasOutput({ name: alias }, { parent }).targetKeyArn;
}
