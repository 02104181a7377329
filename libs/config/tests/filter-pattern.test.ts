// Valid filter syntax passes and is kept as the compact JSON text infra deploys (numbers as
// written); rejections are covered in validation-rules and tests/filters.
import { parseStackConfig } from '../src';

const VALID: Array<[string, unknown]> = [
  ['exact strings', { data: { lang: ['en', 'de'] } }],
  ['null and empty', { data: { replyTo: [null, ''] } }],
  ['numeric equals and range', { data: { likes: [{ numeric: ['=', 5] }, { numeric: ['>', 0, '<=', 100] }] } }],
  ['exists', { data: { media: [{ exists: false }] } }],
  [
    'prefix, suffix, equals-ignore-case',
    { data: { user: [{ prefix: 'bot_' }, { suffix: '_x' }, { 'equals-ignore-case': 'Ada' }] } },
  ],
  [
    'anything-but forms',
    {
      data: {
        lang: [
          { 'anything-but': ['xx', 'yy'] },
          { 'anything-but': [1, 2] },
          { 'anything-but': { prefix: 'z' } },
          { 'anything-but': 'q' },
        ],
      },
    },
  ],
  ['nested objects and booleans', { data: { user: { verified: [true] } } }],
  ['$or of alternatives', { $or: [{ data: { lang: ['en'] } }, { data: { likes: [{ numeric: ['>=', 100] }] } }] }],
  ['a JSON string', '{"data":{"lang":["en"]}}'],
  [
    'wildcard and anything-but wildcard',
    { data: { path: [{ wildcard: '*.png' }, { 'anything-but': { wildcard: '*/x/*' } }] } },
  ],
  [
    'case-insensitive prefix and suffix',
    { data: { s: [{ prefix: { 'equals-ignore-case': 'a' } }, { suffix: { 'equals-ignore-case': 'b' } }] } },
  ],
];

describe('filter patterns', () => {
  it.each(VALID)('accepts %s', (_name, filter) => {
    // act
    const config = parseStackConfig({ producer: { aggregation: false }, consumer: { filters: [filter] } });

    // assess
    const expected = typeof filter === 'string' ? filter : JSON.stringify(filter);
    expect(config.consumer.filters).toEqual([expected]);
  });

  it('keeps numbers of a JSON string exactly as written (Lambda compares 300.0 and 300 as different)', () => {
    // act
    const config = parseStackConfig({
      producer: { aggregation: false },
      consumer: { filters: ['{ "data": { "likes": [300.0, {"numeric": [">", 1e3]}] } }'] },
    });
    // assess
    expect(config.consumer.filters).toEqual(['{"data":{"likes":[300.0,{"numeric":[">",1e3]}]}}']);
  });

  it('rejects a pattern longer than Lambda allows', () => {
    const long = { data: { tag: Array.from({ length: 500 }, (_, i) => `tag-${i}`) } };
    expect(() => parseStackConfig({ producer: { aggregation: false }, consumer: { filters: [long] } })).toThrow(
      /streamlens:consumer\.filters\[0\]: is \d+ characters, over Lambda's 4096/,
    );
  });
});
