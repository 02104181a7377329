// The part every event-source mapping component declares the same way, whatever it reads: the
// role policy (read the source, deliver failure records to the target) and the mapping itself,
// created after the policy because AWS checks the role when the mapping is created.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { PolicyStatement } from './iam/policy-document';
import { serializePolicy } from './iam/serialize';
import type { MappingInputs } from './mapping-settings';
import type { OnFailureTarget } from './on-failure-target';

/** What {@link declareMappingResources} needs. */
export interface MappingResourceArgs {
  readonly functionName: pulumi.Input<string>;
  readonly roleName: pulumi.Input<string>;
  readonly eventSourceArn: pulumi.Input<string>;
  readonly inputs: MappingInputs;
  /** Where failed batches go; none without an on-failure destination. */
  readonly target: OnFailureTarget | undefined;
  /** What the poller needs to read the source with the function's role. */
  readonly readStatements: pulumi.Input<PolicyStatement[]>;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Declares `${name}-policy` and `${name}-esm` as children of `parent`.
 *
 * @example
 * ```ts
 * const mapping = declareMappingResources(this, name, { functionName, roleName, eventSourceArn, inputs, target, readStatements });
 * ```
 */
export function declareMappingResources(
  parent: pulumi.ComponentResource,
  name: string,
  args: MappingResourceArgs,
): aws.lambda.EventSourceMapping {
  const { target } = args;
  const statements: pulumi.Output<PolicyStatement[]> = pulumi
    .all([args.readStatements, target?.arn])
    .apply(([read, targetArn]) => [...read, ...(target && targetArn ? target.statements(targetArn) : [])]);
  const policy = new aws.iam.RolePolicy(
    `${name}-policy`,
    { role: args.roleName, policy: serializePolicy(`${name}-policy`, statements) },
    { parent },
  );
  return new aws.lambda.EventSourceMapping(
    `${name}-esm`,
    {
      functionName: args.functionName,
      eventSourceArn: args.eventSourceArn,
      ...args.inputs,
      ...(target ? { destinationConfig: { onFailure: { destinationArn: target.arn } } } : {}),
      tags: { ...args.tags },
    },
    { parent, dependsOn: [policy] },
  );
}
