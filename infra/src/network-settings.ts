// Pure network plan: the awsx.ec2.Vpc args of a private-only VPC (no NAT gateway) and the VPC
// endpoints that replace internet access for the AWS APIs the functions call.
import type { ArgsContext } from './validate';
import { fail, requireInt } from './validate';

/** Services reached through a (free) gateway endpoint rather than an interface endpoint. */
const GATEWAY_SERVICES = ['dynamodb', 's3'];

/**
 * The interface endpoints a VPC needs for the APIs its functions call: one per service, in first
 * use order, gateway services left out (each interface endpoint costs per AZ-hour).
 *
 * @example
 * ```ts
 * interfaceEndpointsFor([['dynamodb'], ['kinesis-streams', 'dynamodb']]); // ['kinesis-streams']
 * ```
 */
export function interfaceEndpointsFor(apisPerFunction: readonly (readonly string[])[]): string[] {
  return [...new Set(apisPerFunction.flat())].filter((service) => !GATEWAY_SERVICES.includes(service));
}

/** A VPC endpoint spec in the shape awsx.ec2.Vpc takes. */
export interface EndpointSpec {
  readonly serviceName: string;
  readonly vpcEndpointType: 'Gateway' | 'Interface';
  readonly privateDnsEnabled?: boolean;
}

/** Settings of the network. */
export interface NetworkSettings {
  readonly region: string;
  /** 2–6; Lambda wants subnets in at least two AZs for availability. */
  readonly availabilityZones: number;
  readonly cidrBlock: string;
  readonly interfaceEndpoints: readonly string[];
  /** Tags for every taggable resource of the component. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The endpoint specs: a (free) DynamoDB gateway endpoint and one interface endpoint per service.
 *
 * @example
 * ```ts
 * vpcEndpointSpecs(ctx, 'eu-west-1', ['kinesis-streams'])[0].serviceName; // 'com.amazonaws.eu-west-1.dynamodb'
 * ```
 */
export function vpcEndpointSpecs(ctx: ArgsContext, region: string, interfaces: readonly string[]): EndpointSpec[] {
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) fail(ctx, 'region', 'must be an AWS region such as eu-west-1', region);
  return [
    { serviceName: `com.amazonaws.${region}.dynamodb`, vpcEndpointType: 'Gateway' },
    ...interfaces.map((service) => ({
      serviceName: `com.amazonaws.${region}.${service}`,
      vpcEndpointType: 'Interface' as const,
      privateDnsEnabled: true,
    })),
  ];
}

/** Plain awsx.ec2.Vpc args of the network (awsx enum values as their string literals). */
export function vpcArgs(ctx: ArgsContext, settings: NetworkSettings) {
  requireInt(ctx, 'availabilityZones', settings.availabilityZones, 2, 6);
  if (!/^\d+\.\d+\.\d+\.\d+\/(1[6-9]|2[0-4])$/.test(settings.cidrBlock)) {
    fail(ctx, 'cidrBlock', 'must be an IPv4 CIDR from /16 to /24', settings.cidrBlock);
  }
  return {
    cidrBlock: settings.cidrBlock,
    numberOfAvailabilityZones: settings.availabilityZones,
    enableDnsHostnames: true,
    enableDnsSupport: true,
    subnetStrategy: 'Auto' as const,
    subnetSpecs: [{ type: 'Private' as const }],
    // No NAT gateway: nothing leaves the VPC except through the endpoints below.
    natGateways: { strategy: 'None' as const },
    // Auto: awsx attaches the gateway endpoint to the subnets' route tables and gives the
    // interface endpoints the private subnets, private DNS and a security group for HTTPS.
    vpcEndpointStrategy: 'Auto' as const,
    vpcEndpointSpecs: vpcEndpointSpecs(ctx, settings.region, settings.interfaceEndpoints),
    tags: { ...settings.tags },
  };
}
