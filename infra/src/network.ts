// Network concern (optional): a private VPC for the functions, built with awsx, reaching AWS
// APIs through VPC endpoints only.
import * as aws from '@pulumi/aws';
import * as awsx from '@pulumi/awsx';
import * as pulumi from '@pulumi/pulumi';
import type { NetworkSettings } from './network-settings';
import { vpcArgs } from './network-settings';

/** Args of {@link Network}. */
export type NetworkArgs = NetworkSettings;

/**
 * A VPC with private subnets, no NAT gateway, VPC endpoints, and the security group the
 * functions use (HTTPS out, nothing in).
 *
 * @example
 * ```ts
 * const network = new Network('network', { region: 'eu-west-1', availabilityZones: 2,
 *   cidrBlock: '10.20.0.0/16', interfaceEndpoints: ['kinesis-streams'] });
 * ```
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly privateSubnetIds: pulumi.Output<string[]>;
  readonly functionSecurityGroupId: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super('streamlens:infra:Network', name, {}, opts);
    const vpc = new awsx.ec2.Vpc(`${name}-vpc`, vpcArgs({ component: 'Network', name }, args), { parent: this });
    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-functions`,
      {
        vpcId: vpc.vpcId,
        description: 'StreamLens functions: HTTPS to VPC endpoints, no inbound',
        tags: { ...args.tags },
        // The subnets have no route to the internet: 0.0.0.0/0 reaches only the endpoints.
        egress: [
          {
            protocol: 'tcp',
            fromPort: 443,
            toPort: 443,
            cidrBlocks: ['0.0.0.0/0'],
            description: 'HTTPS to AWS APIs via endpoints',
          },
        ],
      },
      { parent: this },
    );
    this.vpcId = vpc.vpcId;
    this.privateSubnetIds = vpc.privateSubnetIds;
    this.functionSecurityGroupId = securityGroup.id;
    this.registerOutputs({ vpcId: this.vpcId, privateSubnetIds: this.privateSubnetIds });
  }
}
