// IAM policy documents as plain data, and the least-privilege rules every document of the
// program must pass. Pure: built from resolved ARNs, serialised by the components.

/** An IAM condition block, e.g. `{ StringEquals: { 'cloudwatch:namespace': 'StreamLens' } }`. */
export type PolicyCondition = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

/** One Allow statement. Actions and resources are always lists (easier to audit). */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: PolicyCondition;
}

/** An identity policy document. */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/**
 * Actions AWS allows only on Resource "*". Each is documented here with the reason, and a
 * statement using "*" must contain nothing but actions of one of these entries.
 */
export const WILDCARD_RESOURCE_EXCEPTIONS = [
  {
    sid: 'VpcNetworkInterfaces',
    actions: [
      'ec2:CreateNetworkInterface',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeSubnets',
      'ec2:DeleteNetworkInterface',
      'ec2:AssignPrivateIpAddresses',
      'ec2:UnassignPrivateIpAddresses',
    ],
    reason:
      'Lambda creates the function ENIs with the execution role when the function joins a VPC; ' +
      'the Describe* actions support no resource-level permissions (the set of the managed ' +
      'AWSLambdaVPCAccessExecutionRole, minus its logs:* part).',
  },
  {
    sid: 'ReadPipelineMetrics',
    actions: ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics'],
    reason:
      "The report's pipeline-health panel reads the functions' IteratorAge, the on-failure queues' " +
      "depth and the consumer's quarantine metrics; CloudWatch's read actions support no " +
      'resource-level permissions (and the ListMetrics call finds which quarantine reasons exist).',
  },
] as const;

/**
 * Wraps statements into a document.
 *
 * @example
 * ```ts
 * policyDocument([sqsSendStatement(queueArn)]);
 * ```
 */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** Trust policy letting the Lambda service assume a function's execution role. */
export function lambdaAssumeRolePolicy(): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'LambdaAssume',
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
      },
    ],
  };
}

/**
 * Lists the least-privilege problems of a document: wildcard actions (`*`, `svc:*`,
 * `svc:Get*`), Resource "*" outside the documented exceptions, and resources that are not
 * ARNs (or ARN-derived patterns) of `ownedArns` when that list is given.
 */
export function findPolicyViolations(doc: PolicyDocument, ownedArns?: readonly string[]): string[] {
  const problems: string[] = [];
  for (const statement of doc.Statement) {
    for (const action of statement.Action) {
      if (action.includes('*')) problems.push(`${statement.Sid}: wildcard action "${action}"`);
    }
    for (const resource of statement.Resource) {
      const problem = resourceProblem(statement, resource, ownedArns);
      if (problem) problems.push(`${statement.Sid}: ${problem}`);
    }
  }
  return problems;
}

function resourceProblem(
  statement: PolicyStatement,
  resource: string,
  ownedArns?: readonly string[],
): string | undefined {
  if (resource === '*') {
    const exception = WILDCARD_RESOURCE_EXCEPTIONS.find((e) =>
      statement.Action.every((a) => (e.actions as readonly string[]).includes(a)),
    );
    return exception ? undefined : `Resource "*" for ${statement.Action.join(', ')} is not a documented exception`;
  }
  if (!resource.startsWith('arn:')) return `resource "${resource}" is not an ARN`;
  if (ownedArns === undefined) return undefined;
  const owned = ownedArns.some((arn) => resource === arn || isChildPattern(arn, resource));
  return owned ? undefined : `resource "${resource}" is not an ARN of this stack`;
}

// A child pattern names things inside an owned resource: log streams of a log group
// (`<arn>:*`), indexes of a table (`<arn>/index/*`) or objects of a bucket (`<arn>/*`).
function isChildPattern(ownedArn: string, resource: string): boolean {
  return (
    resource === `${ownedArn}:*` ||
    resource === `${ownedArn}/index/*` ||
    (/^arn:aws[a-z-]*:s3:::/.test(ownedArn) && resource === `${ownedArn}/*`)
  );
}
