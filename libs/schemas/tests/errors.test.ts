import {
  CorruptAggregateError,
  MalformedEventRecordError,
  MissingRecordDataError,
  NotBase64Error,
  NotJsonError,
  NotUtf8Error,
  POISON_REASONS,
  PoisonRecordError,
  SchemaViolationError,
  TooLargeError,
  UnknownVersionError,
  isPoisonRecordError,
} from '../src/errors';

describe('poison errors', () => {
  const all = [
    new NotUtf8Error(3),
    new NotJsonError('Unexpected end'),
    new SchemaViolationError([{ path: 'postId', message: 'expected non-empty string' }]),
    new TooLargeError(2, 1),
    new UnknownVersionError(2, 1),
    new CorruptAggregateError('checksum mismatch'),
    new MissingRecordDataError('is missing'),
    new NotBase64Error(4, 'character "!" at offset 4'),
    new MalformedEventRecordError('kinesis', 'is null, expected an object'),
  ];

  it('each kind has its own reason, name and the PoisonRecordError base', () => {
    // act
    const seen = all.map((e) => [e.reason, e.name, e instanceof PoisonRecordError, isPoisonRecordError(e)]);
    // assess
    expect(seen).toEqual([
      ['not-utf8', 'NotUtf8Error', true, true],
      ['not-json', 'NotJsonError', true, true],
      ['schema-violation', 'SchemaViolationError', true, true],
      ['too-large', 'TooLargeError', true, true],
      ['unknown-version', 'UnknownVersionError', true, true],
      ['corrupt-aggregate', 'CorruptAggregateError', true, true],
      ['missing-data', 'MissingRecordDataError', true, true],
      ['not-base64', 'NotBase64Error', true, true],
      ['malformed-event-record', 'MalformedEventRecordError', true, true],
    ]);
    expect(new Set(all.map((e) => e.reason))).toEqual(new Set(Object.values(POISON_REASONS)));
  });

  it('CorruptAggregateError keeps its cause and says what failed', () => {
    // prepare
    const cause = new Error('bad protobuf');
    // act
    const err = new CorruptAggregateError('cannot deaggregate shardId-0:42', { cause });
    // assess
    expect(err.message).toBe('KPL aggregated record is corrupt: cannot deaggregate shardId-0:42');
    expect(err.cause).toBe(cause);
  });

  it('isPoisonRecordError rejects ordinary errors and non-errors', () => {
    expect(
      [new Error('x'), new TypeError('x'), null, 'not-json', { reason: 'not-json' }].map(isPoisonRecordError),
    ).toEqual([false, false, false, false, false]);
  });

  it('isPoisonRecordError recognises an error from a second copy of the module', () => {
    // prepare: a fresh module registry loads errors.ts again, as a second bundle would
    let foreign: unknown;
    jest.isolateModules(() => {
      const copy = require('../src/errors') as typeof import('../src/errors');
      foreign = new copy.TooLargeError(2, 1);
    });
    // assess
    expect(foreign instanceof PoisonRecordError).toBe(false);
    expect(isPoisonRecordError(foreign)).toBe(true);
  });
});
