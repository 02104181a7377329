// Mistakes a person can fix become the SDK's RunError (printed as the message alone); bugs keep
// their type and stack trace.
import * as pulumi from '@pulumi/pulumi';
import { ConfigValidationError } from '@streamlens/config';
import { asRunError, loadConfig } from '../../src/program';
import { InvalidComponentArgsError } from '../../src/errors';

it('reads the config map the CLI passes (values are strings; sections are JSON), naming near misses', () => {
  // act
  const read = () =>
    loadConfig('dev', {
      'aws:region': 'eu-west-1',
      'streamlens:stream': '{"mode":"on-demand","retentionHours":24}',
      'streamlen:consumer': '{"batchSize":1}',
      'aws:profile': 'dev',
      'other:key': '1',
    });
  // assess
  expect(read).toThrow(ConfigValidationError);
  expect(read).toThrow(/streamlen:consumer: unknown namespace "streamlen"; did you mean "streamlens:consumer"\?/);
});

it.each([
  ['a config mistake', new ConfigValidationError([{ key: 'aws:region', value: 'x', message: 'is bad' }])],
  ['a component argument', new InvalidComponentArgsError('Stream', 'posts', 'shardCount', 'must be ≥ 1', 0)],
])('turns %s into a RunError with the same message', (_what, err) => {
  // act
  const wrapped = asRunError(err) as Error;
  // assess
  expect(pulumi.RunError.isInstance(wrapped)).toBe(true);
  expect(wrapped.message).toBe(err.message);
});

it('leaves a bug as it is (its stack trace is wanted)', () => {
  const bug = new TypeError('x is undefined');
  expect(asRunError(bug)).toBe(bug);
});
