import { FunctionEnvironmentError } from '@streamlens/config';
import { CONSUMER_DEFAULTS, readConsumerConfig } from '../../src/config';

const BASE = { POSTS_TABLE: 'posts-dev', QUARANTINE_TABLE: 'quarantine-dev', TTL_DAYS: '30' };

function problemOf(env: Record<string, string | undefined>): FunctionEnvironmentError {
  try {
    readConsumerConfig(env);
  } catch (err) {
    if (err instanceof FunctionEnvironmentError) return err;
    throw err;
  }
  throw new Error('expected FunctionEnvironmentError');
}

describe('readConsumerConfig', () => {
  it('reads the variables the stack sets and applies the defaults of the optional ones', () => {
    // act
    const config = readConsumerConfig(BASE);
    // assess
    expect(config).toEqual({
      postsTable: 'posts-dev',
      quarantineTable: 'quarantine-dev',
      ttlDays: 30,
      ...CONSUMER_DEFAULTS,
    });
    expect(config.metricsNamespace).toBe('StreamLens');
  });

  it('reads every optional variable', () => {
    // act
    const config = readConsumerConfig({
      ...BASE,
      TTL_DAYS: '7',
      POWERTOOLS_SERVICE_NAME: 'consumer-dev',
      POWERTOOLS_METRICS_NAMESPACE: 'Custom',
      MAX_RECORD_BYTES: '2097152',
    });
    // assess
    expect(config).toEqual({
      postsTable: 'posts-dev',
      quarantineTable: 'quarantine-dev',
      ttlDays: 7,
      serviceName: 'consumer-dev',
      metricsNamespace: 'Custom',
      maxRecordBytes: 2_097_152,
    });
  });

  it.each(['POSTS_TABLE', 'QUARANTINE_TABLE', 'TTL_DAYS'])('names the missing variable %s', (name) => {
    // prepare
    const env: Record<string, string | undefined> = { ...BASE, [name]: undefined };
    // act
    const err = problemOf(env);
    // assess
    expect(err.variables).toEqual([name]);
    expect(err.message).toMatch(new RegExp(`${name} is required`));
  });

  it('reports every problem at once', () => {
    // act
    const err = problemOf({ TTL_DAYS: 'ten', QUARANTINE_TABLE: '   ' });
    // assess
    expect(err.variables).toEqual(['POSTS_TABLE', 'QUARANTINE_TABLE', 'TTL_DAYS']);
    expect(err.message).toContain('TTL_DAYS must be an integer from 1 to 3650, got "ten"');
  });

  it.each(['0', '-3', '1.5', '1e3', '99999999'])('rejects TTL_DAYS=%s', (value) => {
    expect(problemOf({ ...BASE, TTL_DAYS: value }).variables).toEqual(['TTL_DAYS']);
  });

  it('rejects MAX_RECORD_BYTES above the 10 MiB Kinesis maximum', () => {
    expect(problemOf({ ...BASE, MAX_RECORD_BYTES: String(11 * 1024 * 1024) }).message).toMatch(
      /MAX_RECORD_BYTES must be an integer from 1 to 10485760/,
    );
  });
});
