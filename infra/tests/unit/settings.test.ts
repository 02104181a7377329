// Stream, table, access, network and function settings; naming; dashboard body; aliases.
import * as path from 'node:path';
import { TABLE_SPECS } from '@streamlens/tables';
import type { TableSpec } from '@streamlens/tables';
import { accessPlan } from '../../src/access-settings';
import { dashboardBody } from '../../src/dashboard-body';
import { bundleDirectory, lambdaLogGroupName, validateSizing } from '../../src/function-settings';
import { resolveAlias } from '../../src/module-aliases';
import { dashboardName, dashboardUrl } from '../../src/naming';
import { vpcArgs, vpcEndpointSpecs } from '../../src/network-settings';
import { kmsAliasName, streamInputs } from '../../src/stream-settings';
import { tableInputs } from '../../src/table-settings';

const ctx = { component: 'C', name: 'n' };

describe('streamInputs', () => {
  it('on-demand has no shard count; customer keys are checked', () => {
    const inputs = streamInputs(ctx, {
      capacity: { mode: 'on-demand' },
      retentionHours: 8760,
      encryption: { type: 'aws-managed' },
      shardLevelMetrics: [],
    });
    expect(inputs).toEqual({
      streamModeDetails: { streamMode: 'ON_DEMAND' },
      retentionPeriod: 8760,
      encryptionType: 'KMS',
      kmsKeyId: 'alias/aws/kinesis',
      shardLevelMetrics: [],
    });
    expect(() =>
      streamInputs(ctx, {
        capacity: { mode: 'on-demand' },
        retentionHours: 23,
        encryption: { type: 'none' },
        shardLevelMetrics: [],
      }),
    ).toThrow('retentionHours: must be an integer 24–8760');
    expect(() =>
      streamInputs(ctx, {
        capacity: { mode: 'on-demand' },
        retentionHours: 24,
        encryption: { type: 'customer-key', kmsKeyArn: 'my-key' },
        shardLevelMetrics: [],
      }),
    ).toThrow('encryption.kmsKeyArn: must be a KMS key or alias ARN (got "my-key")');
  });

  it('tells alias ARNs from key ARNs', () => {
    expect(kmsAliasName('arn:aws:kms:eu-west-1:123456789012:alias/streamlens')).toBe('alias/streamlens');
    expect(kmsAliasName('arn:aws:kms:eu-west-1:123456789012:key/abc')).toBeUndefined();
  });
});

describe('tableInputs', () => {
  const settings = {
    billing: { mode: 'PAY_PER_REQUEST' as const },
    pointInTimeRecovery: true,
    deletionProtection: true,
  };

  it('declares key attributes of table and indexes once each', () => {
    const spec: TableSpec = {
      ...TABLE_SPECS.posts,
      globalSecondaryIndexes: [
        {
          name: 'byTag',
          hashKey: { name: 'tag', type: 'S' },
          rangeKey: { name: 'sk', type: 'S' },
          projection: 'KEYS_ONLY',
        },
      ],
    };
    const inputs = tableInputs(ctx, spec, settings);
    expect(inputs.attributes).toEqual([
      { name: 'pk', type: 'S' },
      { name: 'sk', type: 'S' },
      { name: 'tag', type: 'S' },
    ]);
    expect(inputs.globalSecondaryIndexes).toEqual([
      { name: 'byTag', hashKey: 'tag', rangeKey: 'sk', projectionType: 'KEYS_ONLY' },
    ]);
  });

  it('omits TTL for a table without a TTL attribute and refuses conflicting key types', () => {
    const { ttlAttribute: _none, ...withoutTtl } = TABLE_SPECS.posts;
    expect(tableInputs(ctx, withoutTtl, settings).ttl).toBeUndefined();
    const clash: TableSpec = {
      ...TABLE_SPECS.posts,
      globalSecondaryIndexes: [{ name: 'x', hashKey: { name: 'sk', type: 'N' }, projection: 'ALL' }],
    };
    expect(() => tableInputs(ctx, clash, settings)).toThrow('posts.sk: key attribute declared as both S and N');
  });

  it('enables the stream a table spec names, with its view type, and no stream otherwise', () => {
    const trends = tableInputs(ctx, TABLE_SPECS.trends, settings);
    const posts = tableInputs(ctx, TABLE_SPECS.posts, settings);
    expect([trends.streamEnabled, trends.streamViewType]).toEqual([true, 'NEW_AND_OLD_IMAGES']);
    expect([posts.streamEnabled, posts.streamViewType]).toEqual([undefined, undefined]);
  });
});

describe('accessPlan', () => {
  it('maps modes to function URL auth types and checks JWT settings', () => {
    expect(accessPlan(ctx, 'iam')).toEqual({ mode: 'iam', functionUrlAuth: 'AWS_IAM' });
    expect(accessPlan(ctx, 'public')).toEqual({ mode: 'public', functionUrlAuth: 'NONE' });
    expect(() => accessPlan(ctx, 'jwt')).toThrow('jwt: is required when mode is jwt');
    expect(() => accessPlan(ctx, 'jwt', { issuer: 'https://idp.example.com', audience: [], scopes: ['s'] })).toThrow(
      'jwt.audience: must list at least one',
    );
    expect(() => accessPlan(ctx, 'jwt', { issuer: 'https://idp.example.com', audience: ['a'], scopes: [] })).toThrow(
      'jwt.scopes: must list at least one scope',
    );
    expect(() => accessPlan(ctx, 'open')).toThrow('mode: must be one of iam, jwt, public');
  });
});

describe('network settings', () => {
  it('DynamoDB via a gateway endpoint, the rest via interface endpoints with private DNS', () => {
    expect(vpcEndpointSpecs(ctx, 'us-east-1', ['sqs'])).toEqual([
      { serviceName: 'com.amazonaws.us-east-1.dynamodb', vpcEndpointType: 'Gateway' },
      { serviceName: 'com.amazonaws.us-east-1.sqs', vpcEndpointType: 'Interface', privateDnsEnabled: true },
    ]);
    expect(() => vpcEndpointSpecs(ctx, 'Ireland', [])).toThrow('region: must be an AWS region');
  });

  it('refuses a single AZ and a bad CIDR', () => {
    const settings = { region: 'eu-west-1', availabilityZones: 2, cidrBlock: '10.0.0.0/16', interfaceEndpoints: [] };
    expect(vpcArgs(ctx, settings).natGateways).toEqual({ strategy: 'None' });
    expect(() => vpcArgs(ctx, { ...settings, availabilityZones: 1 })).toThrow(
      'availabilityZones: must be an integer 2–6',
    );
    expect(() => vpcArgs(ctx, { ...settings, cidrBlock: '10.0.0.0/8' })).toThrow('cidrBlock: must be an IPv4 CIDR');
  });
});

describe('function settings', () => {
  it('bundle directory and log group name', () => {
    expect(bundleDirectory('/repo', 'producer')).toBe(path.join('/repo', 'dist', 'apps', 'producer'));
    expect(lambdaLogGroupName('consumer-function-1a2b3c4')).toBe('/aws/lambda/consumer-function-1a2b3c4');
  });

  it.each([
    ['runtime', 'nodejs20.x', 'runtime: must be one of nodejs22.x, nodejs24.x'],
    ['architecture', 'arm', 'architecture: must be one of arm64, x86_64'],
    ['memoryMb', 64, 'memoryMb: must be an integer 128–10240'],
    ['timeoutSeconds', 901, 'timeoutSeconds: must be an integer 1–900'],
  ])('rejects %s = %s', (field, value, message) => {
    const sizing = {
      runtime: 'nodejs22.x',
      architecture: 'arm64',
      memoryMb: 512,
      timeoutSeconds: 60,
      logRetentionDays: 7,
    };
    expect(() => validateSizing(ctx, { ...sizing, [field]: value })).toThrow(message);
  });
});

describe('naming and dashboard', () => {
  it('dashboard names are per project and stack, with disallowed characters replaced', () => {
    expect(dashboardName('streamlens', 'dev')).toBe('streamlens-dev');
    expect(dashboardName('streamlens', 'org/team.prod')).toBe('streamlens-org-team-prod');
    expect(dashboardUrl('eu-west-1', 'streamlens-dev')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/streamlens-dev',
    );
  });

  it('body charts each signal for every function, queue and table in the region', () => {
    const body = dashboardBody({
      region: 'eu-west-1',
      streamName: 's',
      mappedFunctions: ['c'],
      functions: ['c', 'r'],
      queues: ['q'],
      tables: ['t1', 't2'],
    });
    const titles = body.widgets.map((w) => w.properties['title']);
    expect(titles).toHaveLength(10);
    expect(body.widgets.every((w) => w.properties['region'] === 'eu-west-1')).toBe(true);
    const metrics = (title: string) => body.widgets.find((w) => w.properties['title'] === title)?.properties['metrics'];
    expect(metrics('Function errors (sum)')).toEqual([
      ['AWS/Lambda', 'Errors', 'FunctionName', 'c', { stat: 'Sum' }],
      ['AWS/Lambda', 'Errors', 'FunctionName', 'r', { stat: 'Sum' }],
    ]);
    expect(JSON.stringify(metrics('Table throttle events (sum)'))).toContain('"t2"');
    // Widgets tile a 24-column grid without overlapping.
    const cells = new Set(body.widgets.map((w) => `${w.x},${w.y}`));
    expect(cells.size).toBe(body.widgets.length);
    expect(Math.max(...body.widgets.map((w) => w.x + w.width))).toBeLessThanOrEqual(24);
  });
  it('leaves out a panel with nothing to chart (CloudWatch rejects metrics: []) and keeps the grid packed', () => {
    const body = dashboardBody({
      region: 'eu-west-1',
      streamName: 's',
      mappedFunctions: ['c'],
      functions: ['c'],
      queues: [],
      tables: ['t'],
    });
    const titles = body.widgets.map((w) => w.properties['title']);
    expect(titles).not.toContain('On-failure queues (visible messages)');
    expect(body.widgets.filter((w) => (w.properties['metrics'] as unknown[]).length === 0)).toEqual([]);
    expect(body.widgets.map((w) => [w.x, w.y])).toEqual(titles.map((_, i) => [(i % 3) * 8, Math.floor(i / 3) * 6]));
  });
});

describe('resolveAlias', () => {
  it('maps a known alias to its file under the root, leaves others alone', () => {
    const paths = { '@streamlens/config': ['libs/config/src/index.ts'] };
    expect(resolveAlias('@streamlens/config', paths, '/repo')).toBe(path.join('/repo', 'libs/config/src/index.ts'));
    expect(resolveAlias('@pulumi/aws', paths, '/repo')).toBeUndefined();
  });
});
