// Prod stack (Pulumi.prod.yaml): on-demand stream, PITR and deletion protection, JWT API in
// front of the report, VPC with endpoints, e-mail alarms — and the policies that come with it.
import { findPolicyViolations, WILDCARD_RESOURCE_EXCEPTIONS } from '../src/iam/policy-document';
import type { PolicyDocument } from '../src/iam/policy-document';
import type { StackOutputs } from '../src/stack';
import type { MockRun } from './helpers/mocks';
import {
  fakeRepoRoot,
  removeFakeRepoRoots,
  installMocks,
  ownedArns,
  policyDocuments,
  resolve,
  settle,
  useStackFile,
} from './helpers/mocks';

const FUNCTIONS = ['consumer', 'aggregator', 'report', 'ingest', 'alerts'] as const;
let run: MockRun;
let outputs: StackOutputs;

beforeAll(async () => {
  run = await installMocks('prod');
  useStackFile('Pulumi.prod.yaml');
  const { runProgram } = await import('../src/program');
  outputs = runProgram({ repoRoot: fakeRepoRoot() });
  await settle();
});

const state = (name: string) => run.byName(name).state;
const inputs = (name: string) => run.byName(name).inputs;

it('stream: on-demand, 168 h, AWS managed KMS key', () => {
  const s = inputs('posts-stream');
  expect(s['shardCount']).toBeUndefined();
  expect(s['streamModeDetails']).toEqual({ streamMode: 'ON_DEMAND' });
  expect(s['retentionPeriod']).toBe(168);
  expect(s['encryptionType']).toBe('KMS');
  expect(s['kmsKeyId']).toBe('alias/aws/kinesis');
});

it.each(['posts', 'trends', 'quarantine'])('table %s: PITR, deletion protection, TTL, SSE', (table) => {
  const t = inputs(`tables-${table}`);
  expect(t['pointInTimeRecovery']).toEqual({ enabled: true });
  expect(t['deletionProtectionEnabled']).toBe(true);
  expect(t['ttl']).toEqual({ attributeName: 'expiresAt', enabled: true });
  expect(t['serverSideEncryption']).toEqual({ enabled: true });
  expect(t['billingMode']).toBe('PAY_PER_REQUEST');
});

it.each(FUNCTIONS)('%s: 90-day logs, runs in the private subnets with the function security group', (fn) => {
  expect(inputs(`${fn}-logs`)['retentionInDays']).toBe(90);
  expect(inputs(`${fn}-function`)['vpcConfig']).toEqual({
    subnetIds: ['subnet-a', 'subnet-b'],
    securityGroupIds: ['network-functions-id'],
  });
  expect(inputs(`${fn}-function`)['environment'].variables).toMatchObject({ POWERTOOLS_SERVICE_NAME: fn });
});

it('report: signs the page in against the issuer, ranges bounded by the 90-day TTL, 60 s windows', () => {
  expect(inputs('report-function')['environment'].variables).toMatchObject({
    TTL_DAYS: '90',
    WINDOW_SECONDS: '60',
    REPORT_AUTH: 'jwt',
    OIDC_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE',
    OIDC_AUDIENCE: 'streamlens-report',
    OIDC_CLIENT_ID: 'streamlens-report',
  });
});

it('stream functions take their sizing from config', () => {
  for (const fn of ['consumer', 'aggregator']) {
    expect(inputs(`${fn}-function`)['memorySize']).toBe(1024);
    expect(inputs(`${fn}-function`)['timeout']).toBe(120);
  }
});

it('consumer mapping: every property of Pulumi.prod.yaml', () => {
  const m = inputs('consumer-mapping-esm');
  expect(m).toMatchObject({
    batchSize: 20,
    maximumBatchingWindowInSeconds: 0,
    startingPosition: 'TRIM_HORIZON',
    parallelizationFactor: 1,
    bisectBatchOnFunctionError: true,
    maximumRetryAttempts: 10,
    maximumRecordAgeInSeconds: 86400,
    functionResponseTypes: ['ReportBatchItemFailures'],
    tumblingWindowInSeconds: 0,
    metricsConfig: { metrics: ['EventCount'] },
    destinationConfig: { onFailure: { destinationArn: state('consumer-mapping-dlq')['arn'] } },
  });
});

it('aggregator mapping: every property of Pulumi.prod.yaml', () => {
  const m = inputs('aggregator-mapping-esm');
  expect(m).toMatchObject({
    batchSize: 200,
    maximumBatchingWindowInSeconds: 2,
    startingPosition: 'TRIM_HORIZON',
    parallelizationFactor: 1,
    bisectBatchOnFunctionError: false,
    maximumRetryAttempts: 20,
    maximumRecordAgeInSeconds: 86400,
    functionResponseTypes: ['ReportBatchItemFailures'],
    tumblingWindowInSeconds: 60,
    metricsConfig: { metrics: ['EventCount'] },
    destinationConfig: { onFailure: { destinationArn: state('aggregator-mapping-dlq')['arn'] } },
  });
});

describe('report behind an HTTP API with a JWT authorizer', () => {
  it('authorizer takes issuer and audience from config', () => {
    expect(inputs('report-access-api')['protocolType']).toBe('HTTP');
    expect(inputs('report-access-authorizer')).toMatchObject({
      authorizerType: 'JWT',
      identitySources: ['$request.header.Authorization'],
      jwtConfiguration: {
        issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE',
        audiences: ['streamlens-report'],
      },
    });
  });

  it('the page shell (/, /assets, /api/v1/config) loads without a token so it can sign in', () => {
    for (const [role, routeKey] of [
      ['page', 'GET /'],
      ['assets', 'GET /assets/{proxy+}'],
      ['config', 'GET /api/v1/config'],
    ]) {
      expect(inputs(`report-access-route-${role}`)).toEqual({
        apiId: 'report-access-api-id',
        routeKey,
        authorizationType: 'NONE',
        target: 'integrations/report-access-integration-id',
      });
    }
    expect(run.ofType('aws:apigatewayv2/route:Route')).toHaveLength(4);
  });

  it('every data route requires the JWT and proxies to the report function', () => {
    expect(inputs('report-access-integration')).toMatchObject({
      integrationType: 'AWS_PROXY',
      integrationUri: state('report-function')['arn'],
      payloadFormatVersion: '2.0',
    });
    expect(inputs('report-access-route')).toMatchObject({
      routeKey: '$default',
      authorizationType: 'JWT',
      authorizerId: 'report-access-authorizer-id',
      target: 'integrations/report-access-integration-id',
    });
    expect(inputs('report-access-stage')).toMatchObject({ name: '$default', autoDeploy: true });
  });

  it('only API Gateway of this API may invoke the report; no function URL for it', async () => {
    const permissions = run.ofType('aws:lambda/permission:Permission');
    expect(permissions).toHaveLength(1);
    expect(permissions[0]?.inputs).toMatchObject({
      function: state('report-function')['name'],
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${state('report-access-api')['executionArn']}/*`,
    });
    expect(run.ofType('aws:lambda/functionUrl:FunctionUrl').map((u) => u.name)).toEqual(['ingest-access-url']);
    expect(inputs('ingest-access-url')['authorizationType']).toBe('AWS_IAM');
    expect(await resolve(outputs.reportUrl)).toBe(state('report-access-stage')['invokeUrl']);
  });
});

describe('network', () => {
  it('awsx VPC: private subnets only, no NAT gateway, endpoints filled in by awsx', () => {
    const vpcs = run.resources.filter((r) => r.type === 'awsx:ec2:Vpc');
    expect(vpcs).toHaveLength(1);
    const vpc = vpcs[0]?.inputs ?? {};
    expect(vpc['subnetSpecs']).toEqual([{ type: 'Private' }]);
    expect(vpc['natGateways']).toEqual({ strategy: 'None' });
    expect(vpc['numberOfAvailabilityZones']).toBe(2);
    expect(vpc['enableDnsHostnames']).toBe(true);
    expect(vpc['vpcEndpointStrategy']).toBe('Auto');
    expect(vpc['vpcEndpointSpecs']).toEqual([
      { serviceName: 'com.amazonaws.eu-west-1.dynamodb', vpcEndpointType: 'Gateway' },
      // the report's pipeline-health reads (CloudWatch GetMetricData)
      { serviceName: 'com.amazonaws.eu-west-1.monitoring', vpcEndpointType: 'Interface', privateDnsEnabled: true },
      { serviceName: 'com.amazonaws.eu-west-1.kinesis-streams', vpcEndpointType: 'Interface', privateDnsEnabled: true },
      { serviceName: 'com.amazonaws.eu-west-1.events', vpcEndpointType: 'Interface', privateDnsEnabled: true },
    ]);
  });

  it('function security group: HTTPS out only, nothing in', () => {
    const sg = inputs('network-functions');
    expect(sg['vpcId']).toBe(run.resources.find((r) => r.name === 'network-vpc')?.state['vpcId']);
    expect(sg['vpcId']).toMatch(/^vpc-/);
    expect(sg['ingress']).toBeUndefined();
    expect(sg['egress']).toEqual([expect.objectContaining({ protocol: 'tcp', fromPort: 443, toPort: 443 })]);
  });
});

describe('alarms', () => {
  it('e-mail subscriptions: on-call to the alarm topic, the trends team to the alerts topic', () => {
    expect(run.ofType('aws:sns/topicSubscription:TopicSubscription').map((s) => s.inputs)).toEqual([
      { topic: state('alerts-topic')['arn'], protocol: 'email', endpoint: 'trends@example.com' },
      { topic: state('alarms-topic')['arn'], protocol: 'email', endpoint: 'oncall@example.com' },
    ]);
  });

  it('thresholds from Pulumi.prod.yaml', () => {
    expect(inputs('alarms-stream-iterator-age')['threshold']).toBe(0.5 * 86400 * 1000); // half of the 24 h record age
    expect(inputs('alarms-consumer-iterator-age')['threshold']).toBe(300000);
    expect(inputs('alarms-aggregator-iterator-age')['threshold']).toBe(300000);
    expect(inputs('alarms-report-errors')['threshold']).toBe(5);
    expect(inputs('alarms-consumer-dlq-depth')['threshold']).toBe(0);
    expect(inputs('alarms-quarantine-rate')['threshold']).toBe(500);
    const topicArn = state('alarms-topic')['arn'];
    for (const a of run.ofType('aws:cloudwatch/metricAlarm:MetricAlarm')) {
      expect([a.name, a.inputs['alarmActions'], a.inputs['okActions']]).toEqual([a.name, [topicArn], [topicArn]]);
    }
  });
});

describe('IAM policies', () => {
  it('every document passes; Resource "*" only for the documented exceptions (VPC, the report\'s metrics reads)', () => {
    const docs = policyDocuments(run);
    expect(docs.size).toBe(19); // logs + access + vpc per function, one per mapping, the webhook target's
    const [vpc, metrics] = WILDCARD_RESOURCE_EXCEPTIONS;
    for (const [name, doc] of docs) {
      expect([name, findPolicyViolations(doc as unknown as PolicyDocument, ownedArns(run))]).toEqual([name, []]);
      for (const statement of doc.Statement.filter((s) => s.Resource.includes('*'))) {
        expect(name).toMatch(/-vpc-policy$|^report-access-policy$/);
        expect(statement.Action).toEqual([...(name === 'report-access-policy' ? metrics : vpc).actions]);
      }
    }
    for (const fn of FUNCTIONS) expect(docs.get(`${fn}-vpc-policy`)).toBeDefined();
  });
});

afterAll(removeFakeRepoRoots);
