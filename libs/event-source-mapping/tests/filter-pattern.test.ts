// Unit: filter criteria over Kinesis records — what the Kinesis view shows a pattern (decoded
// `data` only) and how a filter set combines. The grammar itself is tested in @streamlens/config.
import { compileRecordFilter, FilterPatternError } from '../src';

function record(data: string | Uint8Array) {
  return { data: typeof data === 'string' ? Buffer.from(data) : data };
}

describe('Kinesis filter criteria', () => {
  it.each([
    ['not JSON', 'hello'],
    ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0x7b, 0x7d])],
    ['a KPL aggregate', Buffer.from([0xf3, 0x89, 0x9a, 0xc2, 0x0a, 0x01, 0x61])],
  ])('%s never passes a pattern on data, even exists:false', (_name, data) => {
    // act
    const pass = compileRecordFilter(['{"data":{"lang":[{"exists":false}]}}'])(record(data));
    // assess
    expect(pass).toBe(false);
  });

  it('matches the decoded payload with the shared grammar (suffix, equals-ignore-case included)', () => {
    // prepare
    const filter = compileRecordFilter([
      { data: { file: [{ suffix: '.png' }], who: [{ 'equals-ignore-case': 'ann' }] } },
    ]);
    // act / assess
    expect(filter(record('{"file":"a.png","who":"ANN"}'))).toBe(true);
    expect(filter(record('{"file":"a.gif","who":"ANN"}'))).toBe(false);
  });

  it('a record passes when any of up to five filters matches; no filters pass everything', () => {
    // prepare
    const filter = compileRecordFilter(['{"data":{"lang":["en"]}}', '{"data":{"lang":["de"]}}']);
    // act / assess
    expect(filter(record('{"lang":"de"}'))).toBe(true);
    expect(filter(record('{"lang":"fr"}'))).toBe(false);
    expect(compileRecordFilter([])(record('not json'))).toBe(true);
  });

  it.each([
    ['more than five filters', Array(6).fill('{"data":{"a":[1]}}'), /at most 5 filters/],
    ['invalid JSON', ['{"data":'], /filters\[0\] at <root>: is not valid JSON/],
    [
      'a metadata key (AWS: Kinesis filters match only data)',
      ['{"partitionKey":["p"]}'],
      /filters\[0\] at partitionKey:/,
    ],
    [
      'an unknown operator in the second filter',
      ['{"data":{"a":[1]}}', '{"data":{"a":[{"has":1}]}}'],
      /filters\[1\] at data\.a\[0\]/,
    ],
  ])('refuses %s, naming the filter and the path', (_name, filters, message) => {
    // act
    const compile = () => compileRecordFilter(filters);
    // assess
    expect(compile).toThrow(FilterPatternError);
    expect(compile).toThrow(message);
  });
});
