// Bad input sweep, stack config: hostile values and files (prototype-pollution keys, very long
// keys and values, out-of-range or non-finite numbers, wrong types, a root that is not a mapping,
// NUL, BOM, invalid UTF-8, deep nesting) end in a typed error naming the key and showing the
// real value — never a TypeError, a hang or a polluted Object.prototype.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigFileSyntaxError, ConfigValidationError, parseStackConfig, readStackConfigFile } from '../src';
import { NOW_MS, set, thrown, validRaw } from './helpers/raw-config';

const DEPTH = 100_000;
// 100,000 rather than 1,000,000 keeps the suite lean: the "did you mean" edit distance is
// O(key length × known key length), and a 1,000,000-character key took ~18 s per case under
// jest on this machine (0.6 s under tsx).
const LONG = 100_000;

/** Own keys from JSON text, as a JSON or YAML parser would produce them. */
const own = (json: string) => JSON.parse(json) as Record<string, unknown>;

interface ValueCase {
  readonly name: string;
  readonly patch: (raw: Record<string, unknown>) => void;
  readonly key: string;
  readonly message: RegExp;
}

const section = (name: string, extra: string) => (raw: Record<string, unknown>) => {
  raw[name] = { ...(raw[name] as object), ...own(extra) };
};

const VALUE_CASES: ValueCase[] = [
  {
    name: 'top-level __proto__',
    patch: (raw) =>
      Object.defineProperty(raw, '__proto__', {
        value: { polluted: true },
        enumerable: true,
        writable: true,
        configurable: true,
      }),
    key: 'streamlens:__proto__',
    message: /unknown key/,
  },
  {
    name: 'top-level constructor',
    patch: (raw) => Object.assign(raw, own('{"constructor":{"prototype":{"polluted":true}}}')),
    key: 'streamlens:constructor',
    message: /unknown key/,
  },
  {
    name: 'top-level prototype',
    patch: (raw) => Object.assign(raw, own('{"prototype":{"polluted":true}}')),
    key: 'streamlens:prototype',
    message: /unknown key/,
  },
  {
    name: '__proto__ in stream',
    patch: section('stream', '{"__proto__":{"shardCount":99}}'),
    key: 'streamlens:stream.__proto__',
    message: /unknown key/,
  },
  {
    name: 'constructor in consumer',
    patch: section('consumer', '{"constructor":{"prototype":{"polluted":true}}}'),
    key: 'streamlens:consumer.constructor',
    message: /unknown key/,
  },
  {
    name: 'prototype in consumer.function',
    patch: (raw) => set('consumer.function', { memoryMb: 512, ...own('{"prototype":{"polluted":true}}') })(raw),
    key: 'streamlens:consumer.function.prototype',
    message: /unknown key/,
  },
  {
    name: '__proto__ as the top of a filter pattern',
    patch: set('consumer.filters', ['{"__proto__":{"data":["x"]}}']),
    key: 'streamlens:consumer.filters[0].__proto__',
    message: /not a filterable field/,
  },
  {
    name: `a ${LONG}-character top-level key`,
    patch: (raw) => Object.assign(raw, { ['k'.repeat(LONG)]: 1 }),
    key: `streamlens:${'k'.repeat(LONG)}`,
    message: /unknown key/,
  },
  {
    name: `a ${LONG}-character key in stream`,
    patch: set(`stream.${'s'.repeat(LONG)}`, 1),
    key: `streamlens:stream.${'s'.repeat(LONG)}`,
    message: /unknown key/,
  },
  {
    name: 'a key with a BOM',
    patch: (raw) => Object.assign(raw, { '\ufeffstream': {} }),
    // Shown escaped: an invisible character must be visible in the message.
    key: 'streamlens:\\ufeffstream',
    message: /did you mean "stream"/,
  },
  {
    name: 'a key with a NUL',
    patch: (raw) => Object.assign(raw, { 'tables\u0000': {} }),
    key: 'streamlens:tables\\u0000',
    message: /did you mean "tables"/,
  },
  {
    name: 'shardCount 1e309',
    patch: set('stream.shardCount', JSON.parse('1e309') as number),
    key: 'streamlens:stream.shardCount',
    message: /must be an integer/,
  },
  // Values JSON cannot write are shown as JavaScript writes them (they used to read "got null").
  {
    name: 'shardCount 1e309 is shown as Infinity',
    patch: set('stream.shardCount', JSON.parse('1e309') as number),
    key: 'streamlens:stream.shardCount',
    message: /^must be an integer \(got Infinity; allowed/,
  },
  {
    name: 'shardCount -1e309 is shown as -Infinity',
    patch: set('stream.shardCount', JSON.parse('-1e309') as number),
    key: 'streamlens:stream.shardCount',
    message: /^must be an integer \(got -Infinity; allowed/,
  },
  {
    name: 'shardCount NaN is shown as NaN',
    patch: set('stream.shardCount', Number.NaN),
    key: 'streamlens:stream.shardCount',
    message: /^must be an integer \(got NaN; allowed/,
  },
  {
    name: 'lambdaIteratorAgeMs Infinity is shown as Infinity',
    patch: set('alarms.lambdaIteratorAgeMs', Number.POSITIVE_INFINITY),
    key: 'streamlens:alarms.lambdaIteratorAgeMs',
    message: /^must be a number \(got Infinity; allowed > 0\)$/,
  },
  {
    name: 'a list holding NaN and -Infinity as the stream',
    patch: set('stream', [1, Number.NaN, { shardCount: Number.NEGATIVE_INFINITY }]),
    key: 'streamlens:stream',
    message: /\(got \[1,NaN,\{"shardCount":-Infinity\}\]; allowed/,
  },
  {
    name: 'shardCount -1',
    patch: set('stream.shardCount', -1),
    key: 'streamlens:stream.shardCount',
    message: /out of range \(got -1/,
  },
  {
    name: 'shardCount NaN',
    patch: set('stream.shardCount', Number.NaN),
    key: 'streamlens:stream.shardCount',
    message: /must be an integer/,
  },
  {
    name: 'shardCount "NaN"',
    patch: set('stream.shardCount', 'NaN'),
    key: 'streamlens:stream.shardCount',
    message: /must be an integer \(got "NaN"/,
  },
  {
    name: 'shardCount 2^53+1',
    patch: set('stream.shardCount', 2 ** 53 + 1),
    key: 'streamlens:stream.shardCount',
    message: /out of range/,
  },
  {
    name: 'shardCount "2"',
    patch: set('stream.shardCount', '2'),
    key: 'streamlens:stream.shardCount',
    message: /must be an integer \(got "2"/,
  },
  {
    name: 'batchSize 1.5',
    patch: set('consumer.batchSize', 1.5),
    key: 'streamlens:consumer.batchSize',
    message: /must be an integer/,
  },
  {
    name: 'batchSize null',
    patch: set('consumer.batchSize', null),
    key: 'streamlens:consumer.batchSize',
    message: /must be an integer \(got null/,
  },
  {
    name: 'iteratorAgeFractionOfRetention -Infinity',
    patch: set('alarms.iteratorAgeFractionOfRetention', Number.NEGATIVE_INFINITY),
    key: 'streamlens:alarms.iteratorAgeFractionOfRetention',
    message: /must be a number/,
  },
  {
    name: 'stream as an array',
    patch: set('stream', [{ mode: 'provisioned' }]),
    key: 'streamlens:stream',
    message: /must be a mapping/,
  },
  {
    name: 'stream as a string',
    patch: set('stream', 'provisioned'),
    key: 'streamlens:stream',
    message: /must be a mapping/,
  },
  { name: 'tables null', patch: set('tables', null), key: 'streamlens:tables', message: /must be a mapping/ },
  {
    name: 'consumer.function as a number',
    patch: set('consumer.function', 512),
    key: 'streamlens:consumer.function',
    message: /must be a mapping/,
  },
  {
    name: 'filters as an object',
    patch: set('consumer.filters', { data: { lang: ['en'] } }),
    key: 'streamlens:consumer.filters',
    message: /must be a list/,
  },
  {
    name: 'bisectBatchOnFunctionError "true"',
    patch: set('consumer.bisectBatchOnFunctionError', 'true'),
    key: 'streamlens:consumer.bisectBatchOnFunctionError',
    message: /must be a boolean/,
  },
  // An address has at most 254 characters (RFC 5321 path limit); checked before the pattern,
  // which backtracks quadratically on a long run of dots (this value took seconds before).
  {
    name: 'alarms.email of 255 characters',
    patch: set('alarms.email', `${'a'.repeat(243)}@example.com`),
    key: 'streamlens:alarms.email',
    message:
      /^is 255 characters long, over the limit of 254 \(got "a+…; allowed "" or an email address of at most 254 characters\)$/,
  },
  {
    name: `alarms.email of ${LONG} characters that make the pattern backtrack`,
    patch: set('alarms.email', `a@${'.'.repeat(LONG)} `),
    key: 'streamlens:alarms.email',
    message: /^is 100003 characters long, over the limit of 254/,
  },
  { name: 'region as a number', patch: set('region', 1), key: 'aws:region', message: /not an AWS region name/ },
  {
    name: `region of ${LONG} characters`,
    patch: set('region', 'x'.repeat(LONG)),
    key: 'aws:region',
    message: /not an AWS region name \(got "x{10,}…/,
  },
  {
    name: 'region with a trailing NUL',
    patch: set('region', 'eu-west-1\u0000'),
    key: 'aws:region',
    message: /not an AWS region name/,
  },
  {
    name: 'region with a leading BOM',
    patch: set('region', '\ufeffeu-west-1'),
    key: 'aws:region',
    message: /not an AWS region name/,
  },
  {
    name: 'mode with a NUL',
    patch: set('stream.mode', 'provisioned\u0000'),
    key: 'streamlens:stream.mode',
    message: /not an allowed value/,
  },
  {
    name: 'mode as a deeply nested object',
    patch: set('stream.mode', nestObject(DEPTH)),
    key: 'streamlens:stream.mode',
    message: /not an allowed value/,
  },
  {
    name: `filter JSON of ${DEPTH} unclosed [`,
    patch: set('consumer.filters', ['['.repeat(DEPTH)]),
    key: 'streamlens:consumer.filters[0]',
    message: /not valid JSON/,
  },
  {
    name: `filter JSON of ${DEPTH} nested arrays`,
    patch: set('consumer.filters', [`${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`]),
    key: 'streamlens:consumer.filters[0]',
    message: /must be a pattern object/,
  },
  {
    name: 'filter JSON with a NUL',
    patch: set('consumer.filters', ['{"data":\u0000{}}']),
    key: 'streamlens:consumer.filters[0]',
    message: /not valid JSON/,
  },
  {
    name: 'filter JSON with a BOM',
    patch: set('consumer.filters', ['\ufeff{"data":{"lang":["en"]}}']),
    key: 'streamlens:consumer.filters[0]',
    message: /not valid JSON/,
  },
  {
    name: 'filter numeric bound 1e309',
    patch: set('consumer.filters', ['{"data":{"likes":[{"numeric":[">",1e309]}]}}']),
    key: 'streamlens:consumer.filters[0].data.likes[0].numeric',
    message: /operand 1 must be a number \(got \[">",Infinity\]/,
  },
  {
    name: 'filter entry null',
    patch: set('consumer.filters', [null]),
    key: 'streamlens:consumer.filters[0]',
    message: /must be a pattern object/,
  },
  {
    name: 'filter entry {}',
    patch: set('consumer.filters', [{}]),
    key: 'streamlens:consumer.filters[0]',
    message: /empty pattern object/,
  },
  // Regressions: these overflowed the stack before the depth bound.
  {
    name: `a filter whose data nests ${DEPTH} objects`,
    patch: set('consumer.filters', [{ data: nestObject(DEPTH) }]),
    key: `streamlens:consumer.filters[0].data${'.a'.repeat(32)}`,
    message: /nests deeper than 32 levels/,
  },
  {
    name: `the same filter as JSON text`,
    patch: set('consumer.filters', [`{"data":${'{"a":'.repeat(DEPTH)}["x"]${'}'.repeat(DEPTH)}}`]),
    key: `streamlens:consumer.filters[0].data${'.a'.repeat(32)}`,
    message: /nests deeper than 32 levels/,
  },
  {
    name: `a filter entry of ${DEPTH} nested arrays`,
    patch: set('consumer.filters', [nestArray(DEPTH)]),
    key: 'streamlens:consumer.filters[0]',
    message: /must be a pattern object \(got \[a deeply nested list\]/,
  },
  {
    name: `stream as ${DEPTH} nested arrays`,
    patch: set('stream', nestArray(DEPTH)),
    key: 'streamlens:stream',
    message: /got \[a deeply nested list\]/,
  },
];

function nestArray(depth: number): unknown[] {
  let value: unknown[] = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function nestObject(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

function expectIssue(error: Error, key: string, message: RegExp): void {
  expect(error).toBeInstanceOf(ConfigValidationError);
  const issues = (error as ConfigValidationError).issues;
  expect(issues.map((i) => i.key)).toContain(key);
  expect(issues.find((i) => i.key === key)?.message).toMatch(message);
}

describe('parseStackConfig: hostile input sweep', () => {
  afterEach(() => {
    // assess (every case): nothing polluted the shared prototype
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it.each(VALUE_CASES)('$name → ConfigValidationError naming the key', ({ patch, key, message }) => {
    // prepare
    const raw = validRaw();
    patch(raw);

    // act
    const error = thrown(() => parseStackConfig(raw, { nowMs: () => NOW_MS }));

    // assess
    expectIssue(error, key, message);
  });

  it('accepts an email address of exactly 254 characters', () => {
    // prepare
    const raw = validRaw();
    const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    set('alarms.email', email)(raw);

    // act
    const config = parseStackConfig(raw, { nowMs: () => NOW_MS });

    // assess
    expect(email).toHaveLength(254);
    expect(config.alarms.email).toBe(email);
  });

  it('keeps each issue line short even when the value is huge', () => {
    // prepare
    const raw = validRaw();
    set('stream.mode', 'm'.repeat(LONG))(raw);

    // act
    const error = thrown(() => parseStackConfig(raw, { nowMs: () => NOW_MS })) as ConfigValidationError;

    // assess
    expect(error.issues[0]?.key).toBe('streamlens:stream.mode');
    expect(error.issues[0]?.message.length).toBeLessThan(300);
  });
});

describe('parseStackConfig: a root that is not a mapping', () => {
  // Each used to escape as a TypeError (null, undefined) or pass as an all-defaults config (a list).
  it.each([
    [
      'null',
      null,
      /^stack config must be a mapping, not null \(got null; allowed a mapping of keys stream, .*, region\)$/,
    ],
    ['a list', [], /^stack config must be a mapping, not a list \(got \[\]; allowed a mapping of keys/],
    [
      'a list of sections',
      [{ stream: { mode: 'on-demand' } }],
      /^stack config must be a mapping, not a list \(got \[\{"stream"/,
    ],
    ['undefined', undefined, /^stack config must be a mapping, not undefined \(got nothing; allowed/],
    ['a string', 'streamlens', /^stack config must be a mapping, not a string \(got "streamlens"; allowed/],
    ['a number', 42, /^stack config must be a mapping, not a number \(got 42; allowed/],
  ])('%s → ConfigValidationError on the key streamlens', (_label, raw, message) => {
    // act
    const error = thrown(() => parseStackConfig(raw, { stack: 'dev' }));

    // assess
    expect(error).toBeInstanceOf(ConfigValidationError);
    const { issues, stackName } = error as ConfigValidationError;
    expect(issues).toHaveLength(1);
    expect(issues[0]?.key).toBe('streamlens');
    expect(issues[0]?.message).toMatch(message);
    expect(stackName).toBe('dev');
    expect(error.message.split('\n')).toEqual([
      'Invalid StreamLens stack config (stack "dev"): 1 problem',
      `  streamlens: ${issues[0]?.message}`,
    ]);
  });
});

describe('readStackConfigFile: hostile input sweep', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'streamlens-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  const HEAD = 'config:\n  aws:region: eu-west-1\n';
  let n = 0;
  function file(content: string | Buffer): string {
    const p = path.join(dir, `Pulumi.case${n++}.yaml`);
    writeFileSync(p, content);
    return p;
  }

  const INVALID: { name: string; content: () => string | Buffer; key: string; message: RegExp }[] = [
    { name: 'empty file', content: () => '', key: 'config', message: /must hold a `config:` mapping/ },
    {
      name: 'a scalar document',
      content: () => '42\n',
      key: 'config',
      message: /must hold a `config:` mapping \(got 42/,
    },
    {
      name: 'config as a list',
      content: () => 'config:\n  - aws:region: eu-west-1\n',
      key: 'config',
      message: /must hold a `config:` mapping/,
    },
    {
      name: 'a BOM, then a bad shardCount',
      content: () => `\ufeff${HEAD}  streamlens:stream:\n    mode: provisioned\n    shardCount: 0\n`,
      key: 'streamlens:stream.shardCount',
      message: /out of range/,
    },
    {
      name: 'invalid UTF-8 in a value',
      content: () =>
        Buffer.concat([
          Buffer.from(`${HEAD}  streamlens:stream:\n    mode: "`),
          Buffer.from([0xff, 0xc0, 0x80]),
          Buffer.from('"\n'),
        ]),
      key: 'streamlens:stream.mode',
      message: /not an allowed value/,
    },
    {
      name: 'a NUL escape in a value',
      content: () => `${HEAD}  streamlens:stream:\n    mode: "provisioned\\0"\n`,
      key: 'streamlens:stream.mode',
      message: /not an allowed value/,
    },
    {
      name: 'shardCount 1e309',
      content: () => `${HEAD}  streamlens:stream:\n    mode: provisioned\n    shardCount: 1e309\n`,
      key: 'streamlens:stream.shardCount',
      message: /must be an integer/,
    },
    {
      name: 'shardCount .nan',
      content: () => `${HEAD}  streamlens:stream:\n    mode: provisioned\n    shardCount: .nan\n`,
      key: 'streamlens:stream.shardCount',
      message: /must be an integer/,
    },
    {
      name: 'shardCount .nan is shown as NaN',
      content: () => `${HEAD}  streamlens:stream:\n    mode: provisioned\n    shardCount: .nan\n`,
      key: 'streamlens:stream.shardCount',
      message: /^must be an integer \(got NaN; allowed/,
    },
    {
      name: 'shardCount .inf is shown as Infinity',
      content: () => `${HEAD}  streamlens:stream:\n    mode: provisioned\n    shardCount: .inf\n`,
      key: 'streamlens:stream.shardCount',
      message: /^must be an integer \(got Infinity; allowed/,
    },
    {
      name: 'dlqDepth -.Inf is shown as -Infinity',
      content: () => `${HEAD}  streamlens:alarms:\n    dlqDepth: -.Inf\n`,
      key: 'streamlens:alarms.dlqDepth',
      message: /^must be an integer \(got -Infinity; allowed/,
    },
    {
      name: 'retentionHours 1e309 is shown as Infinity',
      content: () => `${HEAD}  streamlens:stream:\n    retentionHours: 1e309\n`,
      key: 'streamlens:stream.retentionHours',
      message: /^must be an integer \(got Infinity; allowed/,
    },
    {
      name: 'alarms.email of 300 characters',
      content: () => `${HEAD}  streamlens:alarms:\n    email: ${'a'.repeat(288)}@example.com\n`,
      key: 'streamlens:alarms.email',
      message: /^is 300 characters long, over the limit of 254/,
    },
    {
      name: 'shardCount 2^53+1',
      content: () => `${HEAD}  streamlens:stream:\n    mode: provisioned\n    shardCount: 9007199254740993\n`,
      key: 'streamlens:stream.shardCount',
      message: /out of range/,
    },
    {
      name: 'retentionHours "24" (quoted)',
      content: () => `${HEAD}  streamlens:stream:\n    retentionHours: "24"\n`,
      key: 'streamlens:stream.retentionHours',
      message: /must be an integer/,
    },
    {
      name: '__proto__ inside a section',
      content: () => `${HEAD}  streamlens:stream:\n    __proto__:\n      polluted: true\n`,
      key: 'streamlens:stream.__proto__',
      message: /unknown key/,
    },
    {
      name: 'constructor as a section',
      content: () => `${HEAD}  streamlens:constructor:\n    prototype:\n      polluted: true\n`,
      key: 'streamlens:constructor',
      message: /unknown key/,
    },
    {
      name: 'aws:region as a mapping',
      content: () => 'config:\n  aws:region:\n    name: eu-west-1\n',
      key: 'aws:region',
      message: /not an AWS region name/,
    },
    // Regression: `streamlens:__proto__` used to replace the sections' prototype silently.
    {
      name: 'streamlens:__proto__ as a section',
      content: () => `${HEAD}  streamlens:__proto__:\n    stream:\n      mode: provisioned\n      shardCount: 77\n`,
      key: 'streamlens:__proto__',
      message: /unknown key/,
    },
  ];

  it.each(INVALID)('$name → ConfigValidationError naming the key', ({ content, key, message }) => {
    // prepare
    const p = file(content());

    // act
    const error = thrown(() => readStackConfigFile(p, { nowMs: () => NOW_MS }));

    // assess
    expectIssue(error, key, message);
    expect((error as ConfigValidationError).source).toBe(p);
  });

  const SYNTAX: { name: string; content: () => string | Buffer; line: number }[] = [
    { name: `${DEPTH} unclosed [`, content: () => `${HEAD}  streamlens:stream: ${'['.repeat(DEPTH)}\n`, line: 3 },
    {
      name: `${DEPTH} nested flow sequences`,
      content: () => `${HEAD}  streamlens:stream: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`,
      line: 3,
    },
    { name: `a ${LONG}-character key`, content: () => `${HEAD}  streamlens:${'k'.repeat(LONG)}: 1\n`, line: 3 },
    {
      name: 'a duplicate section key',
      content: () => `${HEAD}  streamlens:stream: {}\n  streamlens:stream: {}\n`,
      line: 4,
    },
    { name: 'a tab-indented key', content: () => `${HEAD}\tstreamlens:stream: {}\n`, line: 3 },
    // Regression: alias expansion ("billion laughs") escaped as a ReferenceError.
    {
      name: 'a billion-laughs alias bomb',
      content: () =>
        `a: &a [${Array(9).fill('x').join(',')}]\n` +
        ['b', 'c', 'd', 'e', 'f', 'g']
          .map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`)
          .join('\n') +
        '\nconfig: *g\n',
      line: 1,
    },
  ];

  it.each(SYNTAX)('$name → ConfigFileSyntaxError with the line', ({ content, line }) => {
    // prepare
    const p = file(content());

    // act
    const error = thrown(() => readStackConfigFile(p, { nowMs: () => NOW_MS }));

    // assess
    expect(error).toBeInstanceOf(ConfigFileSyntaxError);
    expect((error as ConfigFileSyntaxError).path).toBe(p);
    expect((error as ConfigFileSyntaxError).line).toBe(line);
  });
});
