// The real stack files of the repository must always parse: they are what infra deploys.
import path from 'node:path';
import { loadStackConfig, mappingSettings } from '../src';

const REPO_ROOT = path.join(__dirname, '../../..');

describe('Pulumi stack files of the repository', () => {
  it('parses Pulumi.dev.yaml into a cheap provisioned stack', () => {
    // act
    const config = loadStackConfig('dev', REPO_ROOT);

    // assess
    expect(config.region).toBe('eu-west-1');
    expect(config.stream).toEqual({
      mode: 'provisioned',
      shardCount: 2,
      retentionHours: 24,
      encryption: 'aws-managed',
    });
    expect(config.consumer).toMatchObject({ batchSize: 20, maximumRetryAttempts: 5, tumblingWindowInSeconds: 0 });
    expect(config.aggregator).toMatchObject({ tumblingWindowInSeconds: 30, bisectBatchOnFunctionError: false });
    expect(config.tables).toMatchObject({ billingMode: 'PAY_PER_REQUEST', deletionProtection: false });
    expect(config.report).toEqual({ access: 'iam' });
    expect(config.functions.logRetentionDays).toBe(7);
  });

  it('parses Pulumi.prod.yaml into an on-demand, protected, JWT-secured stack', () => {
    // act
    const config = loadStackConfig('prod', REPO_ROOT);

    // assess
    expect(config.stream).toEqual({ mode: 'on-demand', retentionHours: 168, encryption: 'aws-managed' });
    expect(config.tables).toMatchObject({ pointInTimeRecovery: true, deletionProtection: true, ttlDays: 90 });
    expect(config.report).toEqual({
      access: 'jwt',
      jwt: {
        issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE',
        audience: ['streamlens-report'],
        scopes: ['streamlens/report.read'],
      },
    });
    expect(config.alarms.email).toBe('oncall@example.com');
    expect(config.functions.reservedConcurrency).toEqual({ report: 20, ingest: 100 });
    expect(mappingSettings(config, 'aggregator')).toMatchObject({
      tumblingWindowInSeconds: 60,
      maximumRecordAgeInSeconds: 86_400,
    });
  });
});
