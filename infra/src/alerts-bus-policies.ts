// Pure parts of the alerts bus concern: the resource policies that let the bus's rules publish
// to the alerts topic and the target dead-letter queue, each scoped to those rules' ARNs.
import { tlsOnlyQueuePolicy } from './iam/resource-policies';

/** A resource policy letting EventBridge rules `ruleArns` perform `action` on `resourceArn`. */
export function eventBridgeResourcePolicy(
  sid: string,
  action: 'sns:Publish' | 'sqs:SendMessage',
  resourceArn: string,
  ruleArns: readonly string[],
): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: sid,
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: action,
        Resource: resourceArn,
        Condition: { ArnEquals: { 'aws:SourceArn': [...ruleArns] } },
      },
    ],
  };
}

/**
 * The target dead-letter queue's policy: TLS only (as every queue of the stack), and the bus's
 * rules may send what they could not deliver.
 */
export function deadLetterQueuePolicy(queueArn: string, ruleArns: readonly string[]): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      ...tlsOnlyQueuePolicy(queueArn).Statement,
      ...(eventBridgeResourcePolicy('BusRulesDeadLetter', 'sqs:SendMessage', queueArn, ruleArns)[
        'Statement'
      ] as unknown[]),
    ],
  };
}

/** Trust policy letting EventBridge assume the webhook target's role. */
export function eventBridgeAssumeRolePolicy(): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  };
}

/**
 * EventBridge's own delivery limits, stated rather than left to defaults: retry a target for up
 * to 24 hours and 185 attempts, then the dead-letter queue.
 */
export const TARGET_RETRY_POLICY = { maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185 } as const;
