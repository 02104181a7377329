// How problems are reported: all at once, one line each, with the key, value and range.
import { ConfigValidationError, parseStackConfig } from '../src';
import { set, thrown, validRaw } from './helpers/raw-config';

describe('error reporting', () => {
  it('reports every problem at once, one line each in the documented format', () => {
    // prepare
    const raw = validRaw();
    set('stream.retentionHours', 10)(raw);
    set('consumer.maximumRecordAgeInSeconds', 10)(raw);
    set('alarms.email', 'nobody')(raw);

    // act
    const error = thrown(() => parseStackConfig(raw, { stack: 'dev' })) as ConfigValidationError;

    // assess
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error.name).toBe('ConfigValidationError');
    expect(error.stackName).toBe('dev');
    expect(error.issues.map((i) => i.key)).toEqual([
      'streamlens:stream.retentionHours',
      'streamlens:consumer.maximumRecordAgeInSeconds',
      'streamlens:alarms.email',
    ]);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('Invalid StreamLens stack config (stack "dev"): 3 problems');
    expect(lines.slice(1)).toEqual([
      '  streamlens:stream.retentionHours: is out of range (got 10; allowed 24–8760)',
      '  streamlens:consumer.maximumRecordAgeInSeconds: is out of range (got 10; allowed -1 or 60–604800)',
      '  streamlens:alarms.email: has the wrong shape (got "nobody"; allowed "" or an email address of at most 254 characters)',
    ]);
  });

  it('names an unknown top-level key and suggests the closest valid one', () => {
    // act
    const error = thrown(() => parseStackConfig({ ...validRaw(), agregator: {} })) as ConfigValidationError;

    // assess
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.key).toBe('streamlens:agregator');
    expect(error.issues[0]?.message).toMatch(/^unknown key; did you mean "aggregator"\?/);
  });

  it('suggests the closest key inside a section, ignoring case', () => {
    // prepare
    const raw = validRaw();
    set('consumer.maximumretryattempts', 3)(raw);

    // act
    const error = thrown(() => parseStackConfig(raw)) as ConfigValidationError;

    // assess
    expect(error.message).toContain(
      'streamlens:consumer.maximumretryattempts: unknown key; did you mean "maximumRetryAttempts"? (got 3;',
    );
  });

  it('gives no suggestion for a key nothing like a valid one, but lists the valid keys', () => {
    const error = thrown(() => parseStackConfig({ kubernetes: true })) as ConfigValidationError;
    expect(error.issues[0]?.message).toBe(
      'unknown key (got true; allowed keys stream, producer, consumer, aggregator, functions, tables, report, alarms, network, tags, alerts)',
    );
  });

  it('reports one message for one mistake: an out-of-range PF is not also a cross-rule error', () => {
    // prepare
    const raw = validRaw();
    set('producer.aggregation', true)(raw);
    set('consumer.parallelizationFactor', 12)(raw);

    // act
    const error = thrown(() => parseStackConfig(raw)) as ConfigValidationError;

    // assess
    expect(error.issues).toEqual([
      {
        key: 'streamlens:consumer.parallelizationFactor',
        value: 12,
        message: 'is out of range (got 12; allowed 1–10)',
      },
    ]);
  });
});
