// Hardening a first real deployment or incident would miss: concurrency ceilings on the
// HTTP-facing functions, API access logs, JWT scopes, an alarm topic encrypted with a key
// CloudWatch may use, TLS-only queues, and only the VPC endpoints the handlers call (the ENI
// policy before a VPC function: components.test.ts). Prod stack file (jwt, VPC, e-mail).
import type { MockRun } from './helpers/mocks';
import { ACCOUNT, deployStackFile, removeFakeRepoRoots } from './helpers/mocks';

let run: MockRun;

beforeAll(async () => {
  ({ run } = await deployStackFile('prod', 'Pulumi.prod.yaml'));
});
afterAll(removeFakeRepoRoots);

const inputs = (name: string) => run.byName(name).inputs;

it('the functions reached over HTTP have the reserved concurrency of the stack file; the stream consumers none', () => {
  expect(inputs('report-function')['reservedConcurrentExecutions']).toBe(20);
  expect(inputs('ingest-function')['reservedConcurrentExecutions']).toBe(100);
  expect(inputs('consumer-function')['reservedConcurrentExecutions']).toBeUndefined();
  expect(inputs('aggregator-function')['reservedConcurrentExecutions']).toBeUndefined();
});

it('the HTTP API writes JSON access logs to a log group of its own with the functions retention', () => {
  const stage = inputs('report-access-stage');
  const logs = run.byName('report-access-access-logs');
  expect(stage['accessLogSettings']['destinationArn']).toBe(logs.state['arn']);
  expect(logs.inputs['retentionInDays']).toBe(90);
  const format = JSON.parse(stage['accessLogSettings']['format'] as string) as Record<string, string>;
  expect(format).toMatchObject({
    requestId: '$context.requestId',
    status: '$context.status',
    routeKey: '$context.routeKey',
    authorizerError: '$context.authorizer.error',
  });
});

it('the data route requires a scope from the stack file; the sign-in page shell needs none', () => {
  expect(inputs('report-access-route')).toMatchObject({
    authorizationType: 'JWT',
    authorizationScopes: ['streamlens/report.read'],
  });
  for (const role of ['page', 'assets', 'config']) {
    expect(inputs(`report-access-route-${role}`)['authorizationScopes']).toBeUndefined();
  }
  // …and the dashboard asks for it when it signs in.
  expect(inputs('report-function')['environment'].variables['OIDC_SCOPE']).toBe('openid streamlens/report.read');
});

it('the alarm topic is encrypted with a rotated customer key whose policy lets CloudWatch use it', () => {
  const key = run.byName('alarms-topic-key');
  expect(inputs('alarms-topic')['kmsMasterKeyId']).toBe(key.state['arn']);
  expect(key.inputs['enableKeyRotation']).toBe(true);
  const policy = JSON.parse(key.inputs['policy'] as string) as {
    Statement: { Sid: string; Principal: Record<string, string>; Action: string[]; Condition?: unknown }[];
  };
  const cloudwatch = policy.Statement.find((s) => s.Principal['Service'] === 'cloudwatch.amazonaws.com');
  expect(cloudwatch?.Action.sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
  expect(cloudwatch?.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': ACCOUNT } });
  const admin = policy.Statement.find((s) => s.Principal['AWS'] === `arn:aws:iam::${ACCOUNT}:root`);
  expect(admin?.Action).toEqual(['kms:*']);
});

it('every queue refuses requests that do not use TLS', () => {
  const queues = run.ofType('aws:sqs/queue:Queue');
  expect(queues.length).toBeGreaterThan(0);
  const policies = run.ofType('aws:sqs/queuePolicy:QueuePolicy');
  for (const queue of queues) {
    const policy = policies.find((p) => p.inputs['queueUrl'] === queue.state['url']);
    // (the alerts target dead-letter queue also lets the bus's rules send to it)
    expect(JSON.parse(policy?.inputs['policy'] as string).Statement).toContainEqual({
      Sid: 'DenyWithoutTls',
      Effect: 'Deny',
      Principal: '*',
      Action: 'sqs:*',
      Resource: queue.state['arn'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  }
});

it('the VPC has only the endpoints the handlers call: DynamoDB (gateway, free), CloudWatch for the report, Kinesis for ingest, EventBridge for alerts', () => {
  const vpc = run.resources.find((r) => r.type === 'awsx:ec2:Vpc');
  expect(vpc?.inputs['vpcEndpointSpecs']).toEqual([
    { serviceName: 'com.amazonaws.eu-west-1.dynamodb', vpcEndpointType: 'Gateway' },
    { serviceName: 'com.amazonaws.eu-west-1.monitoring', vpcEndpointType: 'Interface', privateDnsEnabled: true },
    { serviceName: 'com.amazonaws.eu-west-1.kinesis-streams', vpcEndpointType: 'Interface', privateDnsEnabled: true },
    { serviceName: 'com.amazonaws.eu-west-1.events', vpcEndpointType: 'Interface', privateDnsEnabled: true },
  ]);
});
