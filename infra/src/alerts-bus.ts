// Alerts concern: the custom EventBridge bus the alerts function publishes to, its archive
// (replay), and the rules to the targets from the stack config — an SNS topic (e-mail) and an
// optional webhook (API destination whose connection reads its key from Secrets Manager, so the
// secret is never in the stack file). Undeliverable events go to a dead-letter queue.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { alertEventPattern } from '@streamlens/alert-events';
import type { AlertWebhookConfig } from '@streamlens/config';
import { DLQ_RETENTION_SECONDS } from './constants';
import {
  deadLetterQueuePolicy,
  eventBridgeAssumeRolePolicy,
  eventBridgeResourcePolicy,
  TARGET_RETRY_POLICY,
} from './alerts-bus-policies';
import { invokeApiDestinationStatement } from './iam/alert-statements';
import { serializePolicy } from './iam/serialize';
import { fail, requireInt } from './validate';

/** Args of {@link AlertsBus}. */
export interface AlertsBusArgs {
  /** 0 keeps archived events forever. */
  readonly archiveRetentionDays: number;
  /** Subscribed to the alerts topic; '' for none. */
  readonly email: string;
  readonly webhook?: AlertWebhookConfig;
  /** Tags for every taggable resource of the component. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The bus, its archive, the alerts topic and the rules to the targets.
 *
 * @example
 * ```ts
 * const bus = new AlertsBus('alerts', { archiveRetentionDays: 30, email: 'ops@example.com' });
 * bus.busArn; // events:PutEvents is granted on this ARN only
 * ```
 */
export class AlertsBus extends pulumi.ComponentResource {
  readonly busName: pulumi.Output<string>;
  readonly busArn: pulumi.Output<string>;
  readonly topicArn: pulumi.Output<string>;
  readonly archiveName: pulumi.Output<string>;
  /** Events no target could take after EventBridge's retries. */
  readonly targetDlqName: pulumi.Output<string>;

  constructor(name: string, args: AlertsBusArgs, opts?: pulumi.ComponentResourceOptions) {
    super('streamlens:infra:AlertsBus', name, {}, opts);
    const ctx = { component: 'AlertsBus', name };
    requireInt(ctx, 'archiveRetentionDays', args.archiveRetentionDays, 0, 3650);
    if (args.webhook && !/^https:\/\//.test(args.webhook.url))
      fail(ctx, 'webhook.url', 'must be https', args.webhook.url);
    const pattern = JSON.stringify(alertEventPattern());
    const tags = { ...args.tags };

    const bus = new aws.cloudwatch.EventBus(
      `${name}-bus`,
      { description: 'StreamLens trend alerts', tags },
      { parent: this },
    );
    const archive = new aws.cloudwatch.EventArchive(
      `${name}-archive`,
      {
        eventSourceArn: bus.arn,
        eventPattern: pattern,
        retentionDays: args.archiveRetentionDays,
        description: 'Trend alerts, for replay',
      },
      { parent: this },
    );
    const dlq = new aws.sqs.Queue(
      `${name}-target-dlq`,
      { sqsManagedSseEnabled: true, messageRetentionSeconds: DLQ_RETENTION_SECONDS, tags },
      { parent: this },
    );
    // SNS SSE with the aws/sns key would stop EventBridge from publishing; alerts hold trend figures only.
    const topic = new aws.sns.Topic(`${name}-topic`, { tags }, { parent: this });
    if (args.email) {
      new aws.sns.TopicSubscription(
        `${name}-email`,
        { topic: topic.arn, protocol: 'email', endpoint: args.email },
        { parent: this },
      );
    }
    const rule = (id: string) =>
      new aws.cloudwatch.EventRule(
        `${name}-${id}`,
        { eventBusName: bus.name, eventPattern: pattern, tags },
        { parent: this },
      );
    const toTopic = rule('to-topic');
    new aws.cloudwatch.EventTarget(
      `${name}-to-topic-target`,
      {
        rule: toTopic.name,
        eventBusName: bus.name,
        arn: topic.arn,
        retryPolicy: TARGET_RETRY_POLICY,
        deadLetterConfig: { arn: dlq.arn },
      },
      { parent: this },
    );
    new aws.sns.TopicPolicy(
      `${name}-topic-policy`,
      {
        arn: topic.arn,
        policy: pulumi
          .all([topic.arn, toTopic.arn])
          .apply(([t, r]) => JSON.stringify(eventBridgeResourcePolicy('BusRulePublishes', 'sns:Publish', t, [r]))),
      },
      { parent: this },
    );
    const ruleArns = [toTopic.arn];
    if (args.webhook) ruleArns.push(this.webhook(name, args.webhook, bus, rule('to-webhook'), dlq, tags));
    new aws.sqs.QueuePolicy(
      `${name}-target-dlq-policy`,
      {
        queueUrl: dlq.url,
        policy: pulumi
          .all([dlq.arn, ...ruleArns])
          .apply(([q, ...rules]) => JSON.stringify(deadLetterQueuePolicy(q as string, rules as string[]))),
      },
      { parent: this },
    );

    this.busName = bus.name;
    this.busArn = bus.arn;
    this.topicArn = topic.arn;
    this.archiveName = archive.name;
    this.targetDlqName = dlq.name;
    this.registerOutputs({ busName: this.busName, busArn: this.busArn, topicArn: this.topicArn });
  }

  // The API destination and its target; returns the rule's ARN (for the dead-letter policy).
  private webhook(
    name: string,
    webhook: AlertWebhookConfig,
    bus: aws.cloudwatch.EventBus,
    rule: aws.cloudwatch.EventRule,
    dlq: aws.sqs.Queue,
    tags: Record<string, string>,
  ): pulumi.Output<string> {
    // Read at deploy time from Secrets Manager: the stack file names the secret, never holds it.
    // Pulumi keeps the value encrypted in its state as a secret output.
    const secret = aws.secretsmanager.getSecretVersionOutput({ secretId: webhook.secretName }, { parent: this });
    const connection = new aws.cloudwatch.EventConnection(
      `${name}-webhook-connection`,
      {
        authorizationType: 'API_KEY',
        authParameters: { apiKey: { key: webhook.headerName, value: pulumi.secret(secret.secretString) } },
        description: `API key from Secrets Manager secret ${webhook.secretName}`,
      },
      { parent: this },
    );
    const destination = new aws.cloudwatch.EventApiDestination(
      `${name}-webhook`,
      {
        connectionArn: connection.arn,
        invocationEndpoint: webhook.url,
        httpMethod: 'POST',
        invocationRateLimitPerSecond: webhook.rateLimitPerSecond,
      },
      { parent: this },
    );
    const role = new aws.iam.Role(
      `${name}-webhook-role`,
      {
        assumeRolePolicy: JSON.stringify(eventBridgeAssumeRolePolicy()),
        description: 'EventBridge calls the alerts webhook',
        tags,
      },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-webhook-policy`,
      {
        role: role.name,
        policy: serializePolicy(
          `${name}-webhook-policy`,
          destination.arn.apply((arn) => [invokeApiDestinationStatement(arn)]),
        ),
      },
      { parent: this },
    );
    new aws.cloudwatch.EventTarget(
      `${name}-to-webhook-target`,
      {
        rule: rule.name,
        eventBusName: bus.name,
        arn: destination.arn,
        roleArn: role.arn,
        retryPolicy: TARGET_RETRY_POLICY,
        deadLetterConfig: { arn: dlq.arn },
      },
      { parent: this },
    );
    return rule.arn;
  }
}
