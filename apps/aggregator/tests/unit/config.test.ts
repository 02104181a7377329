// Cold-start configuration: required variables, defaults and errors naming the variable.
import { FunctionEnvironmentError } from '@streamlens/config';
import { AGGREGATOR_DEFAULTS, readAggregatorConfig } from '../../src/config';

const BASE = { TRENDS_TABLE: 'streamlens-dev-trends', TTL_DAYS: '7' };

describe('readAggregatorConfig', () => {
  it('reads the required variables and applies defaults', () => {
    // prepare / act
    const config = readAggregatorConfig(BASE);
    // assess
    expect(config).toEqual({ trendsTable: 'streamlens-dev-trends', ttlDays: 7, ...AGGREGATOR_DEFAULTS });
    expect(config.metricsNamespace).toBe('StreamLens');
  });

  it('reads the optional variables', () => {
    // prepare / act
    const config = readAggregatorConfig({
      ...BASE,
      TTL_DAYS: '90',
      HASHTAG_CAPACITY: '1500',
      POWERTOOLS_METRICS_NAMESPACE: 'X',
      POWERTOOLS_SERVICE_NAME: 'agg',
    });
    // assess
    expect(config).toEqual({
      trendsTable: 'streamlens-dev-trends',
      ttlDays: 90,
      hashtagCapacity: 1500,
      metricsNamespace: 'X',
      serviceName: 'agg',
    });
  });

  it.each([
    [{ TTL_DAYS: '7' }, 'TRENDS_TABLE is required (name of the DynamoDB trends table)'],
    [{ TRENDS_TABLE: ' ', TTL_DAYS: '7' }, 'TRENDS_TABLE is required'],
    [{ TRENDS_TABLE: 't' }, 'TTL_DAYS is required (days items live before DynamoDB TTL deletes them'],
    [{ ...BASE, TTL_DAYS: 'seven' }, 'TTL_DAYS must be an integer from 1 to 3650, got "seven"'],
    [{ ...BASE, TTL_DAYS: '-1' }, 'TTL_DAYS must be an integer from 1 to 3650, got "-1"'],
    [{ ...BASE, HASHTAG_CAPACITY: '1501' }, 'HASHTAG_CAPACITY must be an integer from 1 to 1500, got "1501"'],
    [{ ...BASE, HASHTAG_CAPACITY: '2.5' }, 'HASHTAG_CAPACITY must be an integer from 1 to 1500, got "2.5"'],
  ])('rejects %j: %s', (env, message) => {
    // prepare / act
    const read = () => readAggregatorConfig(env);
    // assess
    expect(read).toThrow(FunctionEnvironmentError);
    expect(read).toThrow(message);
  });

  it('names the variable on the error', () => {
    // prepare / act
    let caught: unknown;
    try {
      readAggregatorConfig({ TRENDS_TABLE: 't' });
    } catch (err) {
      caught = err;
    }
    // assess
    expect(caught).toMatchObject({ name: 'FunctionEnvironmentError', variables: ['TTL_DAYS'] });
  });
});
