// Unit: the JSON parser that keeps numbers as written, and its writer.
import { JsonNumber, JsonSyntaxError, parseLosslessJson, stringifyLosslessJson, toLosslessJson } from '../../src';

describe('parseLosslessJson', () => {
  it('keeps the text of numbers and parses everything else like JSON.parse', () => {
    // act
    const v = parseLosslessJson(' {"a": 300.0, "b": [1e2, -0, "x\\u0041"], "c": {"d": null, "e": true}} ') as Record<
      string,
      unknown
    >;
    // assess
    expect((v['a'] as JsonNumber).text).toBe('300.0');
    expect(((v['b'] as unknown[])[0] as JsonNumber).text).toBe('1e2');
    expect((v['b'] as unknown[])[2]).toBe('xA');
    expect(v['c']).toEqual(Object.assign(Object.create(null), { d: null, e: true }));
  });

  it.each(['', '{', '{"a":1,}', '[1 2]', '01', '"abc', 'tru', '{"a":1} x', "{'a':1}"])(
    'rejects %j with the offset',
    (text) => {
      // act / assess
      expect(() => parseLosslessJson(text)).toThrow(JsonSyntaxError);
    },
  );

  it('does not let "__proto__" keys reach Object.prototype', () => {
    // act
    const v = parseLosslessJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    // assess
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(v)).toEqual(['__proto__']);
  });
});

describe('stringifyLosslessJson', () => {
  it('writes compact JSON with numbers exactly as parsed and keys in order', () => {
    // act
    const text = stringifyLosslessJson(
      parseLosslessJson(' { "b" : [ 1.50 , -0 , 1E+2 ] , "a" : "\\"x\\"" , "c": null } '),
    );
    // assess
    expect(text).toBe('{"b":[1.50,-0,1E+2],"a":"\\"x\\"","c":null}');
  });

  it('writes a converted object with JavaScript number text', () => {
    // act / assess
    expect(stringifyLosslessJson(toLosslessJson({ n: 300.0, t: true }))).toBe('{"n":300,"t":true}');
  });
});
