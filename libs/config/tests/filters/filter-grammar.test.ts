// Unit: the one filter grammar (config validation, the local mapping and infra all use it),
// table-driven. Documents are Kinesis filter documents: `data` holds the JSON text given.
import {
  compileFilterPattern,
  KINESIS_FILTER_RULES,
  MAX_FILTER_PATTERN_LENGTH,
  parseLosslessJson,
  type CompiledFilterPattern,
  type FilterPatternRules,
} from '../../src';

function compile(pattern: string | object, rules: FilterPatternRules = KINESIS_FILTER_RULES): CompiledFilterPattern {
  const result = compileFilterPattern(pattern, rules);
  if (!result.ok) throw new Error(`pattern refused: ${JSON.stringify(result.problems)}`);
  return result.pattern;
}

function matches(pattern: string | object, data: string): boolean {
  return compile(pattern).matches(parseLosslessJson(`{"data":${data}}`));
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
      'top-level $or of data patterns',
      '{"$or":[{"data":{"lang":["fr"]}},{"data":{"lang":["de"]}}]}',
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
    // suffix, equals-ignore-case, wildcard (AWS documents them for Lambda filters and EventBridge)
    ['suffix', '{"data":{"file":[{"suffix":".png"}]}}', '{"file":"a.png"}', true],
    ['suffix is case-sensitive', '{"data":{"file":[{"suffix":".png"}]}}', '{"file":"a.PNG"}', false],
    ['suffix ignoring case', '{"data":{"file":[{"suffix":{"equals-ignore-case":".png"}}]}}', '{"file":"a.PNG"}', true],
    [
      'prefix ignoring case',
      '{"data":{"svc":[{"prefix":{"equals-ignore-case":"eventb"}}]}}',
      '{"svc":"EventBridge"}',
      true,
    ],
    ['equals-ignore-case', '{"data":{"name":[{"equals-ignore-case":"alice"}]}}', '{"name":"ALICE"}', true],
    [
      'equals-ignore-case: other text',
      '{"data":{"name":[{"equals-ignore-case":"alice"}]}}',
      '{"name":"alicia"}',
      false,
    ],
    ['equals-ignore-case does not match a number', '{"data":{"n":[{"equals-ignore-case":"1"}]}}', '{"n":1}', false],
    ['wildcard', '{"data":{"path":[{"wildcard":"*/lib/*.js"}]}}', '{"path":"src/lib/a.js"}', true],
    ['wildcard anchors both ends', '{"data":{"path":[{"wildcard":"*/lib/*.js"}]}}', '{"path":"src/lib/a.jsx"}', false],
    ['wildcard * matches nothing too', '{"data":{"path":[{"wildcard":"a*b"}]}}', '{"path":"ab"}', true],
    ['wildcard: an escaped star is literal', '{"data":{"s":[{"wildcard":"a\\\\*b"}]}}', '{"s":"a*b"}', true],
    ['wildcard: an escaped star is not a wildcard', '{"data":{"s":[{"wildcard":"a\\\\*b"}]}}', '{"s":"axb"}', false],
    ['wildcard: regex characters are literal', '{"data":{"s":[{"wildcard":"a.b*"}]}}', '{"s":"axb"}', false],
    ['anything-but suffix', '{"data":{"file":[{"anything-but":{"suffix":".png"}}]}}', '{"file":"a.jpg"}', true],
    [
      'anything-but suffix: excluded',
      '{"data":{"file":[{"anything-but":{"suffix":".png"}}]}}',
      '{"file":"a.png"}',
      false,
    ],
    ['anything-but wildcard', '{"data":{"p":[{"anything-but":{"wildcard":"*/lib/*"}}]}}', '{"p":"src/app/x"}', true],
    [
      'anything-but wildcard: excluded',
      '{"data":{"p":[{"anything-but":{"wildcard":"*/lib/*"}}]}}',
      '{"p":"src/lib/x"}',
      false,
    ],
    [
      'anything-but wildcard list',
      '{"data":{"p":[{"anything-but":{"wildcard":["*.png","*.gif"]}}]}}',
      '{"p":"a.gif"}',
      false,
    ],
    [
      'anything-but ignoring case',
      '{"data":{"s":[{"anything-but":{"equals-ignore-case":"init"}}]}}',
      '{"s":"INIT"}',
      false,
    ],
    [
      'anything-but ignoring case: other',
      '{"data":{"s":[{"anything-but":{"equals-ignore-case":["a","b"]}}]}}',
      '{"s":"c"}',
      true,
    ],
    [
      'CHOICE: anything-but prefix never matches a non-string',
      '{"data":{"n":[{"anything-but":{"prefix":"1"}}]}}',
      '{"n":2}',
      false,
    ],
    // cidr (EventBridge)
    ['cidr IPv4 inside', '{"data":{"ip":[{"cidr":"10.0.0.0/24"}]}}', '{"ip":"10.0.0.255"}', true],
    ['cidr IPv4 outside', '{"data":{"ip":[{"cidr":"10.0.0.0/24"}]}}', '{"ip":"10.0.1.0"}', false],
    ['cidr IPv6 inside', '{"data":{"ip":[{"cidr":"2001:db8::/32"}]}}', '{"ip":"2001:db8:ffff::1"}', true],
    ['cidr IPv6 outside', '{"data":{"ip":[{"cidr":"2001:db8::/32"}]}}', '{"ip":"2001:db9::1"}', false],
    ['cidr does not mix address families', '{"data":{"ip":[{"cidr":"0.0.0.0/0"}]}}', '{"ip":"::1"}', false],
    ['cidr ignores a non-address', '{"data":{"ip":[{"cidr":"0.0.0.0/0"}]}}', '{"ip":"localhost"}', false],
  ];

  it.each(table)('%s', (_name, pattern, data, expected) => {
    // act
    const result = matches(pattern, data);
    // assess
    expect(result).toBe(expected);
  });

  it('patterns given as objects compare numbers by their JavaScript text (300.0 is 300)', () => {
    // act
    const asObject = matches({ data: { likes: [300.0] } }, '{"likes":300}');
    const asObjectVsDecimal = matches({ data: { likes: [300.0] } }, '{"likes":300.0}');
    // assess
    expect(asObject).toBe(true);
    expect(asObjectVsDecimal).toBe(false);
  });

  it('keeps the text infra deploys compact, with numbers exactly as written', () => {
    // act
    const text = compile('{ "data" : { "likes" : [ { "numeric" : [ ">", 300.0 ] } ], "lang": ["en"] } }').text;
    // assess
    expect(text).toBe('{"data":{"likes":[{"numeric":[">",300.0]}],"lang":["en"]}}');
  });

  it('reads the top-level keys a pattern uses, inside a top-level $or too', () => {
    // act
    const keys = compile('{"$or":[{"eventName":["INSERT"]},{"dynamodb":{"Keys":{"pk":{"S":["x"]}}}}]}', {}).rootKeys;
    // assess
    expect([...keys].sort()).toEqual(['dynamodb', 'eventName']);
  });
});

describe('filter pattern validation', () => {
  // [case, pattern, path of the problem, message]
  const bad: [string, string | object, string, RegExp][] = [
    ['invalid JSON', '{"data":', '', /is not valid JSON: invalid JSON at offset 8/],
    ['a pattern that is not an object', '["en"]', '', /must be a pattern object/],
    ['an empty pattern', '{}', '', /is an empty pattern object/],
    ['a leaf that is not a list', '{"data":{"lang":"en"}}', 'data.lang', /must be a list of match values/],
    ['an empty list', '{"data":{"lang":[]}}', 'data.lang', /empty match list/],
    ['a nested list', '{"data":{"lang":[["en"]]}}', 'data.lang[0]', /no nested lists/],
    [
      'an unknown operator',
      '{"data":{"lang":[{"contains":"en"}]}}',
      'data.lang[0]',
      /operator object with one of prefix/,
    ],
    [
      'an operator object with two keys',
      '{"data":{"l":[{"prefix":"a","exists":true}]}}',
      'data.l[0]',
      /operator object/,
    ],
    ['prefix of a number', '{"data":{"lang":[{"prefix":1}]}}', 'data.lang[0].prefix', /prefix takes a string/],
    ['suffix with an unknown option', '{"data":{"l":[{"suffix":{"case":"x"}}]}}', 'data.l[0].suffix', /suffix takes/],
    [
      'equals-ignore-case of a number',
      '{"data":{"l":[{"equals-ignore-case":1}]}}',
      'data.l[0].equals-ignore-case',
      /takes a string/,
    ],
    ['exists of a string', '{"data":{"lang":[{"exists":"yes"}]}}', 'data.lang[0].exists', /exists takes true or false/],
    ['numeric with an odd length', '{"data":{"n":[{"numeric":[">"]}]}}', 'data.n[0].numeric', /numeric takes/],
    [
      'numeric with a string operand',
      '{"data":{"n":[{"numeric":[">","1"]}]}}',
      'data.n[0].numeric',
      /operand 1 must be a number/,
    ],
    ['numeric with an unknown operator', '{"data":{"n":[{"numeric":["!=",1]}]}}', 'data.n[0].numeric', /numeric takes/],
    [
      'numeric range in the wrong order',
      '{"data":{"n":[{"numeric":["<",5,">",0]}]}}',
      'data.n[0].numeric',
      /numeric takes/,
    ],
    ['an empty numeric range', '{"data":{"n":[{"numeric":[">",5,"<",5]}]}}', 'data.n[0].numeric', /range is empty/],
    ['numeric past AWS range', '{"data":{"n":[{"numeric":[">",6e9]}]}}', 'data.n[0].numeric', /within ±5000000000/],
    ['numeric of 1e309', '{"data":{"n":[{"numeric":[">",1e309]}]}}', 'data.n[0].numeric', /operand 1 must be a number/],
    ['an exact number of 1e309', '{"data":{"n":[1e309]}}', 'data.n[0]', /must be a finite number/],
    [
      'anything-but with an empty list',
      '{"data":{"n":[{"anything-but":[]}]}}',
      'data.n[0].anything-but',
      /anything-but takes/,
    ],
    [
      'anything-but mixing strings and numbers',
      '{"data":{"n":[{"anything-but":["a",1]}]}}',
      'data.n[0].anything-but',
      /anything-but takes/,
    ],
    ['anything-but of null', '{"data":{"n":[{"anything-but":null}]}}', 'data.n[0].anything-but', /anything-but takes/],
    [
      'anything-but prefix of a number',
      '{"data":{"n":[{"anything-but":{"prefix":1}}]}}',
      'data.n[0].anything-but.prefix',
      /takes a string/,
    ],
    ['a wildcard with consecutive stars', '{"data":{"p":[{"wildcard":"a**b"}]}}', 'data.p[0].wildcard', /consecutive/],
    ['a wildcard escaping a letter', '{"data":{"p":[{"wildcard":"a\\\\b"}]}}', 'data.p[0].wildcard', /escapes only/],
    ['a cidr that is not a network', '{"data":{"ip":[{"cidr":"10.0.0.300/8"}]}}', 'data.ip[0].cidr', /cidr takes/],
    ['a cidr prefix too long', '{"data":{"ip":[{"cidr":"10.0.0.0/33"}]}}', 'data.ip[0].cidr', /cidr takes/],
    ['$or with one alternative', '{"data":{"$or":[{"a":[1]}]}}', 'data.$or', /at least two pattern objects/],
    ['a Kinesis metadata key', '{"partitionKey":["p"]}', 'partitionKey', /Kinesis filters match only data/],
    ['an unknown top-level key', '{"Data":{"a":[1]}}', 'Data', /Kinesis filters match only data/],
    [
      'an unknown key inside a top-level $or',
      '{"$or":[{"data":{"a":[1]}},{"kinesis":{"p":["p"]}}]}',
      '$or[1].kinesis',
      /only data/,
    ],
    [
      'a pattern longer than Lambda allows',
      `{"data":{"a":["${'x'.repeat(MAX_FILTER_PATTERN_LENGTH)}"]}}`,
      '',
      /over Lambda's 4096/,
    ],
  ];

  it.each(bad)('refuses %s, naming the path', (_name, pattern, path, message) => {
    // act
    const result = compileFilterPattern(pattern, KINESIS_FILTER_RULES);
    // assess
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems[0]?.path).toBe(path);
    expect(problems[0]?.problem).toMatch(message);
  });

  it('reports every problem of a pattern, not only the first', () => {
    // act
    const result = compileFilterPattern('{"data":{"a":[],"b":[{"exists":1}]},"x":["y"]}', KINESIS_FILTER_RULES);
    // assess
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['data.a', 'data.b[0].exists', 'x']);
  });

  it('accepts any top-level key where no root keys are set (EventBridge patterns)', () => {
    // act
    const result = compileFilterPattern({ source: ['streamlens'], detail: { kind: [{ prefix: 'trend' }] } });
    // assess
    expect(result.ok).toBe(true);
  });
});
