// Unit: the filter-criteria matcher (pure), table-driven. Documents are Kinesis records whose
// data is the JSON text given; patterns are given as JSON strings unless noted.
import { compileRecordFilter, FilterPatternError } from '../src';

function record(data: string | Uint8Array, partitionKey = 'pk-1') {
  return {
    partitionKey,
    sequenceNumber: '49590338271490256608559692538361571095921575989136588898',
    arrivalMs: 1_545_084_650_987,
    data: typeof data === 'string' ? Buffer.from(data) : data,
  };
}

function matches(pattern: string | object, data: string | Uint8Array, partitionKey?: string): boolean {
  return compileRecordFilter([pattern])(record(data, partitionKey));
}

describe('filter pattern matching', () => {
  // [operator, pattern, data JSON, expected]
  const table: [string, string, string, boolean][] = [
    // equals: exact, no case folding
    ['equals string', '{"data":{"lang":["en"]}}', '{"lang":"en"}', true],
    ['equals is case-sensitive', '{"data":{"lang":["en"]}}', '{"lang":"EN"}', false],
    ['equals is not a substring match', '{"data":{"lang":["en"]}}', '{"lang":"eng"}', false],
    ['equals: any value of the list', '{"data":{"lang":["de","en"]}}', '{"lang":"en"}', true],
    ['equals number', '{"data":{"likes":[300]}}', '{"likes":300}', true],
    ['numbers compared as written: 300 ≠ 300.0', '{"data":{"likes":[300]}}', '{"likes":300.0}', false],
    ['numbers compared as written: 300.0 = 300.0', '{"data":{"likes":[300.0]}}', '{"likes":300.0}', true],
    ['numbers compared as written: 300.0 ≠ 300', '{"data":{"likes":[300.0]}}', '{"likes":300}', false],
    ['a number does not equal its string', '{"data":{"likes":[300]}}', '{"likes":"300"}', false],
    ['equals boolean', '{"data":{"ok":[true]}}', '{"ok":true}', true],
    ['a boolean does not equal its string', '{"data":{"ok":[true]}}', '{"ok":"true"}', false],
    // null and empty
    ['null matches null', '{"data":{"lang":[null]}}', '{"lang":null}', true],
    ['null does not match a missing field', '{"data":{"lang":[null]}}', '{}', false],
    ['null does not match ""', '{"data":{"lang":[null]}}', '{"lang":""}', false],
    ['empty matches ""', '{"data":{"lang":[""]}}', '{"lang":""}', true],
    ['empty does not match null', '{"data":{"lang":[""]}}', '{"lang":null}', false],
    // and / nesting / arrays
    ['and: every field must match', '{"data":{"lang":["en"],"source":["x"]}}', '{"lang":"en","source":"x"}', true],
    ['and: one field fails', '{"data":{"lang":["en"],"source":["x"]}}', '{"lang":"en","source":"reddit"}', false],
    ['nested object', '{"data":{"author":{"handle":["ann"]}}}', '{"author":{"id":"1","handle":"ann"}}', true],
    ['nested object: the parent is not an object', '{"data":{"author":{"handle":["ann"]}}}', '{"author":"ann"}', false],
    ['array value: any element matches', '{"data":{"tags":["ai"]}}', '{"tags":["news","ai"]}', true],
    ['array value: no element matches', '{"data":{"tags":["ai"]}}', '{"tags":["news"]}', false],
    [
      'array of objects: any element matches',
      '{"data":{"links":{"host":["a.io"]}}}',
      '{"links":[{"host":"b.io"},{"host":"a.io"}]}',
      true,
    ],
    // or
    [
      '$or: first alternative',
      '{"data":{"$or":[{"lang":["en"]},{"likes":[{"numeric":[">",100]}]}]}}',
      '{"lang":"en","likes":1}',
      true,
    ],
    [
      '$or: second alternative',
      '{"data":{"$or":[{"lang":["en"]},{"likes":[{"numeric":[">",100]}]}]}}',
      '{"lang":"de","likes":101}',
      true,
    ],
    [
      '$or: neither',
      '{"data":{"$or":[{"lang":["en"]},{"likes":[{"numeric":[">",100]}]}]}}',
      '{"lang":"de","likes":100}',
      false,
    ],
    [
      '$or with a sibling field (and)',
      '{"data":{"source":["x"],"$or":[{"lang":["en"]},{"lang":["de"]}]}}',
      '{"source":"reddit","lang":"en"}',
      false,
    ],
    [
      'top-level $or across data and metadata',
      '{"$or":[{"partitionKey":["pk-1"]},{"data":{"lang":["en"]}}]}',
      '{"lang":"de"}',
      true,
    ],
    // anything-but
    ['anything-but value', '{"data":{"lang":[{"anything-but":"en"}]}}', '{"lang":"de"}', true],
    ['anything-but value: equal', '{"data":{"lang":[{"anything-but":"en"}]}}', '{"lang":"en"}', false],
    ['anything-but list', '{"data":{"lang":[{"anything-but":["en","de"]}]}}', '{"lang":"de"}', false],
    ['anything-but number as written', '{"data":{"n":[{"anything-but":[1]}]}}', '{"n":1.0}', true],
    ['anything-but prefix', '{"data":{"lang":[{"anything-but":{"prefix":"e"}}]}}', '{"lang":"en"}', false],
    ['anything-but prefix: other', '{"data":{"lang":[{"anything-but":{"prefix":"e"}}]}}', '{"lang":"de"}', true],
    ['anything-but does not match a missing field', '{"data":{"lang":[{"anything-but":"en"}]}}', '{}', false],
    [
      'CHOICE: anything-but matches null (a present value not listed)',
      '{"data":{"lang":[{"anything-but":"en"}]}}',
      '{"lang":null}',
      true,
    ],
    // numeric
    ['numeric =', '{"data":{"n":[{"numeric":["=",5]}]}}', '{"n":5}', true],
    ['numeric = compares values (5 = 5.0)', '{"data":{"n":[{"numeric":["=",5]}]}}', '{"n":5.0}', true],
    ['numeric <', '{"data":{"n":[{"numeric":["<",5]}]}}', '{"n":5}', false],
    ['numeric <=', '{"data":{"n":[{"numeric":["<=",5]}]}}', '{"n":5}', true],
    ['numeric >', '{"data":{"n":[{"numeric":[">",5]}]}}', '{"n":5.5}', true],
    ['numeric >=', '{"data":{"n":[{"numeric":[">=",5]}]}}', '{"n":4.99}', false],
    ['numeric range (0, 5]: inside', '{"data":{"n":[{"numeric":[">",0,"<=",5]}]}}', '{"n":5}', true],
    ['numeric range (0, 5]: low edge', '{"data":{"n":[{"numeric":[">",0,"<=",5]}]}}', '{"n":0}', false],
    ['numeric range: exponent notation', '{"data":{"n":[{"numeric":[">=",1e2,"<",1e3]}]}}', '{"n":5e2}', true],
    ['numeric does not match a numeric string', '{"data":{"n":[{"numeric":[">",0]}]}}', '{"n":"7"}', false],
    // exists
    ['exists true: present', '{"data":{"lang":[{"exists":true}]}}', '{"lang":"en"}', true],
    ['exists true: missing', '{"data":{"lang":[{"exists":true}]}}', '{}', false],
    [
      'CHOICE: exists true matches null (the key is present)',
      '{"data":{"lang":[{"exists":true}]}}',
      '{"lang":null}',
      true,
    ],
    [
      'CHOICE: exists true does not match an object (not a leaf)',
      '{"data":{"author":[{"exists":true}]}}',
      '{"author":{"id":"1"}}',
      false,
    ],
    ['exists false: missing', '{"data":{"lang":[{"exists":false}]}}', '{}', true],
    ['exists false: present', '{"data":{"lang":[{"exists":false}]}}', '{"lang":"en"}', false],
    ['exists false: missing parent', '{"data":{"author":{"id":[{"exists":false}]}}}', '{}', true],
    ['CHOICE: an empty array counts as missing', '{"data":{"tags":[{"exists":false}]}}', '{"tags":[]}', true],
    // prefix
    ['prefix', '{"data":{"text":[{"prefix":"RT "}]}}', '{"text":"RT hello"}', true],
    ['prefix is case-sensitive', '{"data":{"text":[{"prefix":"RT "}]}}', '{"text":"rt hello"}', false],
    ['prefix does not match a number', '{"data":{"n":[{"prefix":"1"}]}}', '{"n":12}', false],
    ['operators mix in one list (or)', '{"data":{"lang":["en",{"prefix":"pt"}]}}', '{"lang":"pt-BR"}', true],
    // metadata
    ['metadata: partitionKey', '{"partitionKey":["pk-1"]}', '{}', true],
    ['metadata: partitionKey prefix', '{"partitionKey":[{"prefix":"user-"}]}', '{}', false],
    ['metadata: kinesisSchemaVersion', '{"kinesisSchemaVersion":["1.0"]}', 'not json', true],
    [
      'metadata: approximateArrivalTimestamp numeric',
      '{"approximateArrivalTimestamp":[{"numeric":[">",1545084650]}]}',
      '{}',
      true,
    ],
    ['metadata and data together', '{"partitionKey":["pk-1"],"data":{"lang":["de"]}}', '{"lang":"en"}', false],
  ];

  it.each(table)('%s', (_name, pattern, data, expected) => {
    // act
    const result = matches(pattern, data);
    // assess
    expect(result).toBe(expected);
  });

  it.each([
    ['not JSON', 'hello'],
    ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0x7b, 0x7d])],
    ['a KPL aggregate', Buffer.from([0xf3, 0x89, 0x9a, 0xc2, 0x0a, 0x01, 0x61])],
  ])('%s never passes a pattern on data, even exists:false', (_name, data) => {
    // act
    const viaValue = matches('{"data":{"lang":[{"exists":false}]}}', data);
    const viaMetadataOnly = matches('{"partitionKey":["pk-1"]}', data);
    // assess
    expect(viaValue).toBe(false);
    expect(viaMetadataOnly).toBe(true);
  });

  it('patterns given as objects compare numbers by their JavaScript text (300.0 is 300)', () => {
    // act
    const asObject = matches({ data: { likes: [300.0] } }, '{"likes":300}');
    const asObjectVsDecimal = matches({ data: { likes: [300.0] } }, '{"likes":300.0}');
    // assess
    expect(asObject).toBe(true);
    expect(asObjectVsDecimal).toBe(false);
  });

  it('a record passes when any of up to five filters matches; no filters pass everything', () => {
    // prepare
    const filter = compileRecordFilter(['{"data":{"lang":["en"]}}', '{"data":{"lang":["de"]}}']);
    // act / assess
    expect(filter(record('{"lang":"de"}'))).toBe(true);
    expect(filter(record('{"lang":"fr"}'))).toBe(false);
    expect(compileRecordFilter([])(record('not json'))).toBe(true);
  });
});

describe('filter pattern validation', () => {
  const bad: [string, (object | string)[], RegExp][] = [
    ['more than five filters', Array(6).fill('{"data":{"a":[1]}}'), /at most 5 filters/],
    ['invalid JSON', ['{"data":'], /filters\[0\] at <root>: invalid JSON/],
    ['a pattern longer than 4096 characters', [`{"data":{"a":["${'x'.repeat(4100)}"]}}`], /longer than 4096/],
    ['a pattern that is not an object', ['["en"]'], /filters\[0\] at <root>: must be an object/],
    ['an empty pattern', ['{}'], /must not be empty/],
    ['a leaf that is not a list', ['{"data":{"lang":"en"}}'], /data\.lang: must be an array/],
    ['an empty list', ['{"data":{"lang":[]}}'], /data\.lang: must not be an empty array/],
    ['a nested list', ['{"data":{"lang":[["en"]]}}'], /data\.lang\[0\]: nested arrays/],
    [
      'an unsupported operator',
      ['{"data":{"lang":[{"equals-ignore-case":"en"}]}}'],
      /unsupported operator "equals-ignore-case"/,
    ],
    ['an operator object with two keys', ['{"data":{"lang":[{"prefix":"a","exists":true}]}}'], /exactly one key/],
    ['prefix of a number', ['{"data":{"lang":[{"prefix":1}]}}'], /prefix takes a string/],
    ['exists of a string', ['{"data":{"lang":[{"exists":"yes"}]}}'], /exists takes true or false/],
    ['numeric with an odd length', ['{"data":{"n":[{"numeric":[">"]}]}}'], /numeric takes/],
    ['numeric with a string operand', ['{"data":{"n":[{"numeric":[">","1"]}]}}'], /operand 1 must be a number/],
    ['numeric with an unknown operator', ['{"data":{"n":[{"numeric":["!=",1]}]}}'], /unknown numeric operator "!="/],
    ['numeric range in the wrong order', ['{"data":{"n":[{"numeric":["<",5,">",0]}]}}'], /numeric range/],
    ['anything-but with an empty list', ['{"data":{"n":[{"anything-but":[]}]}}'], /anything-but takes/],
    ['$or with one alternative', ['{"data":{"$or":[{"a":[1]}]}}'], /\$or must be an array of at least two/],
    ['an unknown top-level key', ['{"Data":{"a":[1]}}'], /filters\[0\] at Data: unknown top-level key/],
    [
      'an unknown key inside a top-level $or',
      ['{"$or":[{"data":{"a":[1]}},{"kinesis":{"partitionKey":["p"]}}]}'],
      /at kinesis: unknown top-level key/,
    ],
  ];

  it.each(bad)('rejects %s with a message naming the filter and path', (_name, filters, message) => {
    // act
    const compile = () => compileRecordFilter(filters);
    // assess
    expect(compile).toThrow(FilterPatternError);
    expect(compile).toThrow(message);
  });
});
