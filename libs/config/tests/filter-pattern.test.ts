// Valid filter syntax must pass untouched (rejections are covered in validation-rules).
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
    { data: { lang: [{ 'anything-but': ['xx', 1] }, { 'anything-but': { prefix: 'z' } }, { 'anything-but': 'q' }] } },
  ],
  ['nested objects and booleans', { data: { user: { verified: [true] } } }],
  ['$or of alternatives', { $or: [{ data: { lang: ['en'] } }, { data: { likes: [{ numeric: ['>=', 100] }] } }] }],
  ['a JSON string', '{"data":{"lang":["en"]}}'],
];

describe('filter patterns', () => {
  it.each(VALID)('accepts %s', (_name, filter) => {
    // act
    const config = parseStackConfig({ producer: { aggregation: false }, consumer: { filters: [filter] } });

    // assess
    const expected = typeof filter === 'string' ? JSON.parse(filter) : filter;
    expect(config.consumer.filters).toEqual([expected]);
  });

  it('rejects a pattern longer than Lambda allows', () => {
    const long = { data: { tag: Array.from({ length: 500 }, (_, i) => `tag-${i}`) } };
    expect(() => parseStackConfig({ producer: { aggregation: false }, consumer: { filters: [long] } })).toThrow(
      /streamlens:consumer\.filters\[0\]: is \d+ characters, over Lambda's 4096/,
    );
  });
});
