// Alarm concern: one SNS topic (optional e-mail subscription) and the alarm catalogue, every
// alarm notifying the topic on ALARM and on OK.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { AlarmCatalogueInput, AlarmSpec } from './alarm-specs';
import { alarmSpecs } from './alarm-specs';
import { alarmTopicKeyPolicy } from './iam/resource-policies';
import { fail } from './validate';

/** Args of {@link Alarms}. */
export interface AlarmsArgs extends AlarmCatalogueInput<pulumi.Input<string>> {
  /** Address subscribed to the topic; empty or undefined for none. */
  readonly email?: string;
  /** Tags for every taggable resource of the component. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The alarms of the stack and the topic they notify.
 *
 * @example
 * ```ts
 * new Alarms('alarms', { streamName, retentionHours: 24, mappedFunctions, functions, queues,
 *   tables, thresholds, email: 'oncall@example.com' });
 * ```
 */
export class Alarms extends pulumi.ComponentResource {
  readonly topicArn: pulumi.Output<string>;
  /** Alarm ids (stable roles such as `consumer-errors`) → alarm ARNs. */
  readonly alarmArns: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: AlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('streamlens:infra:Alarms', name, {}, opts);
    const ctx = { component: 'Alarms', name };
    const specs = alarmSpecs(ctx, args);
    if (args.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(args.email))
      fail(ctx, 'email', 'must be an e-mail address', args.email);
    // Encrypted with a key of our own: the AWS managed aws/sns key would stop CloudWatch from
    // publishing (its key policy admits no service principal).
    const identity = aws.getCallerIdentityOutput({}, { parent: this });
    const partition = aws.getPartitionOutput({}, { parent: this });
    const key = new aws.kms.Key(
      `${name}-topic-key`,
      {
        description: 'StreamLens alarm topic: CloudWatch publishes alarms with it',
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        tags: { ...args.tags },
        policy: pulumi
          .all([identity.accountId, partition.partition])
          .apply(([account, part]) => JSON.stringify(alarmTopicKeyPolicy(account, part))),
      },
      { parent: this },
    );
    const topic = new aws.sns.Topic(
      `${name}-topic`,
      { kmsMasterKeyId: key.arn, tags: { ...args.tags } },
      { parent: this },
    );
    if (args.email) {
      new aws.sns.TopicSubscription(
        `${name}-email`,
        { topic: topic.arn, protocol: 'email', endpoint: args.email },
        { parent: this },
      );
    }
    const arns: Record<string, pulumi.Output<string>> = {};
    for (const spec of specs) {
      const inputs = { ...alarmInputs(spec, topic.arn), tags: { ...args.tags } };
      arns[spec.id] = new aws.cloudwatch.MetricAlarm(`${name}-${spec.id}`, inputs, {
        parent: this,
      }).arn;
    }
    this.topicArn = topic.arn;
    this.alarmArns = arns;
    this.registerOutputs({ topicArn: this.topicArn });
  }
}

function alarmInputs(
  spec: AlarmSpec<pulumi.Input<string>>,
  topicArn: pulumi.Output<string>,
): aws.cloudwatch.MetricAlarmArgs {
  const common = {
    alarmDescription: spec.description,
    comparisonOperator: spec.comparisonOperator,
    threshold: spec.threshold,
    evaluationPeriods: spec.evaluationPeriods,
    datapointsToAlarm: spec.datapointsToAlarm,
    treatMissingData: spec.treatMissingData,
    alarmActions: [topicArn],
    okActions: [topicArn],
  };
  if (spec.metric) {
    return { ...common, ...spec.metric };
  }
  return {
    ...common,
    metricQueries: (spec.metricQueries ?? []).map((q) => ({
      id: q.id,
      returnData: q.returnData,
      ...(q.expression ? { expression: q.expression } : {}),
      ...(q.label ? { label: q.label } : {}),
      ...(q.metric ? { metric: q.metric } : {}),
    })),
  };
}
