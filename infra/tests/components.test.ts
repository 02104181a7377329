// Component variants the two stack files do not reach: customer keys, AT_TIMESTAMP and
// filters, no on-failure destination, unbounded retries, public URLs, provisioned tables —
// and the constructor checks that stop bad args before anything is declared.
import * as path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { TABLE_SPECS } from '@streamlens/tables';
import type { MockRun } from './helpers/mocks';
import {
  ACCOUNT,
  REGION,
  fakeRepoRoot,
  removeFakeRepoRoots,
  installMocks,
  policyDocuments,
  resolve,
  settle,
} from './helpers/mocks';

type Components = typeof import('./helpers/components');
let run: MockRun;
let c: Components;

const KEY_ALIAS = `arn:aws:kms:${REGION}:${ACCOUNT}:alias/streamlens`;
const RESOLVED_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const mappingSettings = {
  batchSize: 100,
  maximumBatchingWindowInSeconds: 0,
  startingPosition: 'AT_TIMESTAMP' as const,
  startingPositionTimestamp: 1_767_225_600,
  parallelizationFactor: 4,
  bisectBatchOnFunctionError: true,
  maximumRetryAttempts: 3,
  maximumRecordAgeInSeconds: 600,
  onFailureDestination: false,
  filters: [{ data: { lang: ['en'] } }, '{ "data": { "user": [{ "prefix": "user-" }], "score": [1.50] } }'],
  tumblingWindowInSeconds: 0,
  functionResponseTypes: ['ReportBatchItemFailures'],
};

beforeAll(async () => {
  run = await installMocks('variants');
  c = await import('./helpers/components');
});

describe('Stream', () => {
  it('customer key given as alias ARN: stream uses it, IAM grants go to the resolved key', async () => {
    const stream = new c.Stream('cmk', {
      capacity: { mode: 'provisioned', shardCount: 4 },
      retentionHours: 48,
      encryption: { type: 'customer-key', kmsKeyArn: KEY_ALIAS },
      shardLevelMetrics: [],
    });
    new c.KinesisMapping('cmk-mapping', {
      functionName: 'fn',
      roleName: 'role',
      streamArn: stream.streamArn,
      streamRetentionHours: stream.retentionHours,
      customerKeyArn: stream.customerKeyArn,
      settings: mappingSettings,
    });
    await settle();

    expect(run.byName('cmk-stream').inputs).toMatchObject({
      encryptionType: 'KMS',
      kmsKeyId: KEY_ALIAS,
      shardCount: 4,
      retentionPeriod: 48,
    });
    expect(await resolve(stream.customerKeyArn)).toBe(RESOLVED_KEY);
    expect(policyDocuments(run).get('cmk-mapping-policy')?.Statement).toContainEqual(
      expect.objectContaining({ Action: ['kms:Decrypt'], Resource: [RESOLVED_KEY] }),
    );
  });

  it('encryption none sets NONE and no key', () => {
    new c.Stream('plain', {
      capacity: { mode: 'on-demand' },
      retentionHours: 24,
      encryption: { type: 'none' },
      shardLevelMetrics: [],
    });
    return settle().then(() => {
      expect(run.byName('plain-stream').inputs['encryptionType']).toBe('NONE');
      expect(run.byName('plain-stream').inputs['kmsKeyId']).toBeUndefined();
    });
  });

  it('rejects a shard count of 0 in the constructor', () => {
    const before = run.resources.length;
    expect(
      () =>
        new c.Stream('bad', {
          capacity: { mode: 'provisioned', shardCount: 0 },
          retentionHours: 24,
          encryption: { type: 'aws-managed' },
          shardLevelMetrics: [],
        }),
    ).toThrow('Stream "bad": capacity.shardCount: must be an integer 1–10000 (got 0)');
    return settle().then(() => expect(run.resources.slice(before).filter((r) => r.custom)).toEqual([]));
  });
});

describe('KinesisMapping', () => {
  it('AT_TIMESTAMP as RFC 3339, filters as JSON patterns, no DLQ when disabled', async () => {
    const mapping = new c.KinesisMapping('ts', {
      functionName: 'fn',
      roleName: 'role',
      streamArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/s',
      streamRetentionHours: 24,
      settings: mappingSettings,
    });
    await settle();

    const m = run.byName('ts-esm').inputs;
    expect(m['startingPosition']).toBe('AT_TIMESTAMP');
    expect(m['startingPositionTimestamp']).toBe('2026-01-01T00:00:00.000Z');
    expect(m['parallelizationFactor']).toBe(4);
    expect(m['filterCriteria']).toEqual({
      filters: [
        { pattern: '{"data":{"lang":["en"]}}' },
        { pattern: '{"data":{"user":[{"prefix":"user-"}],"score":[1.50]}}' },
      ],
    });
    expect(m['destinationConfig']).toBeUndefined();
    expect(mapping.dlqUrl).toBeUndefined();
    expect(run.resources.filter((r) => r.name === 'ts-dlq')).toEqual([]);
    expect(
      policyDocuments(run)
        .get('ts-policy')
        ?.Statement.map((s) => s.Sid),
    ).toEqual(['ReadStream']);
  });

  it('refuses infinite retries unless allowUnbounded is set', async () => {
    const args = (allowUnbounded: boolean) => ({
      functionName: 'fn',
      roleName: 'role',
      streamArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/s',
      streamRetentionHours: 24,
      settings: { ...mappingSettings, maximumRetryAttempts: -1, allowUnbounded },
    });
    expect(() => new c.KinesisMapping('inf', args(false))).toThrow(
      /KinesisMapping "inf": maximumRetryAttempts: is -1 \(infinite\)/,
    );
    new c.KinesisMapping('inf-ok', args(true));
    await settle();
    expect(run.byName('inf-ok-esm').inputs['maximumRetryAttempts']).toBe(-1);
  });

  it('refuses a record age beyond the stream retention', () => {
    expect(
      () =>
        new c.KinesisMapping('old', {
          functionName: 'fn',
          roleName: 'role',
          streamArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/s',
          streamRetentionHours: 24,
          settings: { ...mappingSettings, maximumRecordAgeInSeconds: 200_000 },
        }),
    ).toThrow('maximumRecordAgeInSeconds: must not exceed the stream retention (86400 s)');
  });
});

describe('HttpAccess', () => {
  it('public: URL without auth, both invoke permissions, and a warning', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const access = new c.HttpAccess('open', {
        mode: 'public',
        functionName: 'report-fn',
        functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:report-fn',
      });
      await settle();
      expect(await resolve(access.url)).toMatch(/^https:\/\/.*\.lambda-url\.eu-west-1\.on\.aws\/$/);
    } finally {
      console.warn = original;
    }

    expect(run.byName('open-url').inputs['authorizationType']).toBe('NONE');
    expect(run.byName('open-public-url').inputs).toMatchObject({
      action: 'lambda:InvokeFunctionUrl',
      principal: '*',
      functionUrlAuthType: 'NONE',
    });
    expect(run.byName('open-public-invoke').inputs).toMatchObject({
      action: 'lambda:InvokeFunction',
      principal: '*',
      invokedViaFunctionUrl: true,
    });
    expect(warnings.join('\n')).toContain('open: function URL is PUBLIC');
  });

  it('jwt without an https issuer is refused', () => {
    expect(
      () =>
        new c.HttpAccess('jwt', {
          mode: 'jwt',
          jwt: { issuer: 'http://idp', audience: ['a'], scopes: ['s'] },
          functionName: 'f',
          functionArn: 'arn',
        }),
    ).toThrow('HttpAccess "jwt": jwt.issuer: must be an https URL');
  });
});

describe('Tables', () => {
  it('provisioned billing sets capacities', async () => {
    new c.Tables('prov', {
      specs: [TABLE_SPECS.trends],
      billing: { mode: 'PROVISIONED', readCapacity: 5, writeCapacity: 10 },
      pointInTimeRecovery: true,
      deletionProtection: false,
    });
    await settle();
    expect(run.byName('prov-trends').inputs).toMatchObject({
      billingMode: 'PROVISIONED',
      readCapacity: 5,
      writeCapacity: 10,
    });
  });
});

describe('LambdaFunction', () => {
  const args = (bundleDir: string) => ({
    bundleDir,
    description: 'd',
    runtime: 'nodejs22.x',
    architecture: 'arm64',
    memoryMb: 256,
    timeoutSeconds: 10,
    logRetentionDays: 7,
    environment: {},
    accessStatements: [],
  });

  it('in a VPC, is created only after its ENI policy exists (Lambda checks the role at creation)', async () => {
    const dependsOn: string[] = [];
    const record: pulumi.ResourceTransformation = (t) => {
      if (t.type === 'aws:lambda/function:Function') {
        // Plain resources here (the component passes them directly), so their names can be read.
        const deps = (t.opts.dependsOn ?? []) as unknown as { __name: string }[];
        dependsOn.push(...deps.map((d) => d.__name));
      }
      return undefined;
    };
    const read = [
      {
        Sid: 'Read',
        Effect: 'Allow' as const,
        Action: ['dynamodb:GetItem'],
        Resource: [`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/t`],
      },
    ];
    new c.LambdaFunction(
      'vpc-fn',
      {
        ...args(path.join(fakeRepoRoot(), 'dist/apps/consumer')),
        accessStatements: read,
        vpc: { subnetIds: ['subnet-a'], securityGroupIds: ['sg-1'] },
      },
      { transformations: [record] },
    );
    await settle();
    expect(dependsOn).toEqual(['vpc-fn-vpc-policy']);
  });

  it('fails with the build hint when the bundle is missing', () => {
    expect(() => new c.LambdaFunction('ghost', args(path.join(fakeRepoRoot([]), 'dist/apps/report')))).toThrow(
      /bundle of "ghost" not found at .*dist\/apps\/report\/main\.cjs: preview and deploy with `npx nx run infra:preview`/,
    );
  });

  it('refuses a retention CloudWatch Logs does not offer', () => {
    const dir = path.join(fakeRepoRoot(['report']), 'dist/apps/report');
    expect(() => new c.LambdaFunction('r', { ...args(dir), logRetentionDays: 10 })).toThrow(
      'LambdaFunction "r": logRetentionDays: must be one of 1, 3, 5, 7',
    );
  });
});

describe('Alarms', () => {
  it('refuses an invalid e-mail', () => {
    const thresholds = {
      iteratorAgeFractionOfRetention: 0.5,
      lambdaIteratorAgeMs: 1,
      functionErrors: 1,
      dlqDepth: 0,
      quarantinedPerMinute: 1,
    };
    expect(
      () =>
        new c.Alarms('mail', {
          email: 'oncall',
          streamName: 's',
          retentionHours: 24,
          mappedFunctions: [],
          functions: [],
          queues: [],
          tables: [],
          thresholds,
        }),
    ).toThrow('Alarms "mail": email: must be an e-mail address (got "oncall")');
  });
});

afterAll(removeFakeRepoRoots);
