// Function concern: one Lambda function with its own role, log group and inline policies.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { BUNDLE_FILES, LAMBDA_HANDLER } from './constants';
import { BundleNotFoundError } from './errors';
import type { FunctionSizingArgs } from './function-settings';
import { lambdaLogGroupName, validateSizing } from './function-settings';
import type { PolicyStatement } from './iam/policy-document';
import { lambdaAssumeRolePolicy } from './iam/policy-document';
import { logsStatement, vpcAccessStatement } from './iam/statements';
import { serializePolicy } from './iam/serialize';
import type { ArgsContext } from './validate';
import { fail, requireInt } from './validate';

/** Subnets and security groups of a function inside a VPC. */
export interface FunctionVpcArgs {
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  readonly securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
}

/** Args of {@link LambdaFunction}. */
export interface LambdaFunctionArgs extends FunctionSizingArgs {
  /** Directory holding the built bundle; only {@link BUNDLE_FILES} of it are shipped. */
  readonly bundleDir: string;
  readonly description: string;
  readonly environment: Record<string, pulumi.Input<string>>;
  /** Data-plane permissions beyond logs (tables, stream writes); at least one statement. */
  readonly accessStatements: pulumi.Input<PolicyStatement[]>;
  readonly vpc?: FunctionVpcArgs;
  /**
   * Reserved concurrency (1–1000): the function never runs more instances than this, and the
   * account never gives its share away. Undefined or -1: none.
   */
  readonly reservedConcurrency?: number;
  /** Tags for every taggable resource of the component. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A Lambda function running a built bundle, with an execution role holding only inline
 * least-privilege policies and a log group with retention.
 *
 * @example
 * ```ts
 * const fn = new LambdaFunction('report', { bundleDir: '/repo/dist/apps/report', ... });
 * ```
 */
export class LambdaFunction extends pulumi.ComponentResource {
  readonly functionName: pulumi.Output<string>;
  readonly functionArn: pulumi.Output<string>;
  readonly invokeArn: pulumi.Output<string>;
  readonly roleName: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  readonly logGroupArn: pulumi.Output<string>;

  constructor(name: string, args: LambdaFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super('streamlens:infra:LambdaFunction', name, {}, opts);
    const ctx = { component: 'LambdaFunction', name };
    validateSizing(ctx, args);
    const reserved = reservedConcurrency(ctx, args.reservedConcurrency);
    if (!path.isAbsolute(args.bundleDir)) fail(ctx, 'bundleDir', 'must be an absolute path', args.bundleDir);
    const assets: Record<string, pulumi.asset.FileAsset> = {};
    for (const file of BUNDLE_FILES) {
      const bundlePath = path.join(args.bundleDir, file);
      if (!fs.existsSync(bundlePath)) throw new BundleNotFoundError(name, bundlePath);
      assets[file] = new pulumi.asset.FileAsset(bundlePath);
    }

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        assumeRolePolicy: JSON.stringify(lambdaAssumeRolePolicy()),
        description: `Execution role of ${name}`,
        tags: { ...args.tags },
      },
      { parent: this },
    );
    // Lambda checks at creation that the role may create the function's network interfaces: the
    // ENI policy must exist before the function, not merely in the same deployment.
    const vpcPolicy = args.vpc
      ? new aws.iam.RolePolicy(
          `${name}-vpc-policy`,
          { role: role.name, policy: serializePolicy(`${name}-vpc-policy`, pulumi.output([vpcAccessStatement()])) },
          { parent: this },
        )
      : undefined;
    const fn = new aws.lambda.Function(
      `${name}-function`,
      {
        description: args.description,
        role: role.arn,
        code: new pulumi.asset.AssetArchive(assets),
        handler: LAMBDA_HANDLER,
        runtime: args.runtime,
        architectures: [args.architecture],
        memorySize: args.memoryMb,
        timeout: args.timeoutSeconds,
        environment: { variables: args.environment },
        ...(args.vpc
          ? { vpcConfig: { subnetIds: args.vpc.subnetIds, securityGroupIds: args.vpc.securityGroupIds } }
          : {}),
        ...(reserved === undefined ? {} : { reservedConcurrentExecutions: reserved }),
        tags: { ...args.tags },
      },
      { parent: this, ...(vpcPolicy ? { dependsOn: [vpcPolicy] } : {}) },
    );
    // Named after the auto-generated function name: the group Lambda writes to, created by us
    // (with retention) instead of by Lambda on first invoke (retention: never).
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: fn.name.apply(lambdaLogGroupName), retentionInDays: args.logRetentionDays, tags: { ...args.tags } },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-logs-policy`,
      {
        role: role.name,
        policy: serializePolicy(
          `${name}-logs-policy`,
          logGroup.arn.apply((arn) => [logsStatement(arn)]),
        ),
      },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-access-policy`,
      { role: role.name, policy: serializePolicy(`${name}-access-policy`, pulumi.output(args.accessStatements)) },
      { parent: this },
    );
    this.functionName = fn.name;
    this.functionArn = fn.arn;
    this.invokeArn = fn.invokeArn;
    this.roleName = role.name;
    this.roleArn = role.arn;
    this.logGroupName = logGroup.name;
    this.logGroupArn = logGroup.arn;
    this.registerOutputs({
      functionName: this.functionName,
      functionArn: this.functionArn,
      logGroupName: this.logGroupName,
    });
  }
}

function reservedConcurrency(ctx: ArgsContext, value: number | undefined): number | undefined {
  if (value === undefined || value === -1) return undefined;
  return requireInt(ctx, 'reservedConcurrency', value, 1, 1_000);
}
