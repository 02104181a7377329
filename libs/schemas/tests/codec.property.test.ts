import fc from 'fast-check';
import { decodePost, encodePost, postVersionKey } from '../src/codec';
import { SchemaViolationError, isPoisonRecordError } from '../src/errors';
import { compareInstants, parseIsoTimestamp } from '../src/iso-time';
import { firstInvalidUtf8Offset } from '../src/utf8';
import { isoTimestampArb, validPostArb } from './helpers/arbitraries';
import { makePost } from './helpers/post-factory';

const encoder = new TextEncoder();
const KNOWN_PATHS =
  /^(\$|schemaVersion|postId|source|text|lang|createdAt|editedAt|author(\.(id|handle|__proto__|constructor|prototype))?|engagement(\.(likes|reposts|replies|__proto__|constructor|prototype))?|__proto__|constructor|prototype)$/;

// Runs `decodePost` and returns what it threw (undefined when it decoded).
function decodeOutcome(bytes: Uint8Array): unknown {
  try {
    decodePost(bytes);
    return undefined;
  } catch (err) {
    return err;
  }
}

describe('codec properties', () => {
  it('any valid post round-trips encode → decode', () => {
    fc.assert(
      fc.property(validPostArb, (post) => {
        expect(decodePost(encodePost(post))).toEqual(post);
      }),
      { numRuns: 300 },
    );
  });

  it('unknown extra keys are ignored and never copied', () => {
    const extraKey = fc
      .string({ minLength: 1, maxLength: 8 })
      .filter(
        (k) => !(k in makePost()) && !['__proto__', 'constructor', 'prototype', 'engagement', 'editedAt'].includes(k),
      );
    fc.assert(
      fc.property(validPostArb, fc.dictionary(extraKey, fc.jsonValue({ maxDepth: 1 })), (post, extra) => {
        expect(decodePost(encoder.encode(JSON.stringify({ ...extra, ...post })))).toEqual(post);
      }),
      { numRuns: 200 },
    );
  });

  it('arbitrary bytes never throw anything but poison errors', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const err = decodeOutcome(bytes);
        expect(err === undefined || isPoisonRecordError(err)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary JSON never throws anything but poison errors, and issues name known paths', () => {
    const keys = [
      'schemaVersion',
      'postId',
      'source',
      'author',
      'text',
      'lang',
      'createdAt',
      'editedAt',
      'engagement',
      '__proto__',
      'constructor',
    ];
    const objectish = fc.dictionary(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 2 }));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), objectish), (value) => {
        const err = decodeOutcome(encoder.encode(JSON.stringify(value) ?? 'null'));
        expect(err === undefined || isPoisonRecordError(err)).toBe(true);
        if (err instanceof SchemaViolationError) {
          expect(err.issues.length).toBeGreaterThan(0);
          for (const issue of err.issues) expect(issue.path).toMatch(KNOWN_PATHS);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a control character anywhere in an identifier is a schema violation naming that identifier', () => {
    const control = fc
      .oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }))
      .map((c) => String.fromCharCode(c));
    const field = fc.constantFrom('postId', 'author.id', 'author.handle');
    fc.assert(
      fc.property(validPostArb, field, control, fc.nat(), (post, path, c, at) => {
        const json = JSON.parse(JSON.stringify(post)) as Record<string, Record<string, string>>;
        const [head, tail] = path.split('.') as [string, string | undefined];
        const holder =
          tail === undefined ? (json as unknown as Record<string, string>) : (json[head] as Record<string, string>);
        const key = tail ?? head;
        // Replace one code point (not code unit: that could leave half a surrogate pair).
        const points = Array.from(holder[key] as string);
        points[at % points.length] = c;
        holder[key] = points.join('');
        const err = decodeOutcome(encoder.encode(JSON.stringify(json)));
        expect(err).toBeInstanceOf(SchemaViolationError);
        expect((err as SchemaViolationError).issues).toEqual([
          { path, message: expect.stringMatching(/^must not contain control characters/) },
        ]);
      }),
      { numRuns: 300 },
    );
  });

  it('a valid post with one field replaced by any JSON decodes or fails with a schema violation on that field', () => {
    const fields = ['postId', 'source', 'author', 'text', 'lang', 'createdAt', 'editedAt', 'engagement'] as const;
    fc.assert(
      fc.property(validPostArb, fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 2 }), (post, field, value) => {
        const err = decodeOutcome(encoder.encode(JSON.stringify({ ...post, [field]: value })));
        if (err === undefined) return;
        expect(err).toBeInstanceOf(SchemaViolationError);
        const paths = (err as SchemaViolationError).issues.map((i) => i.path.split('.')[0]);
        expect(paths.every((p) => p === field || (field === 'createdAt' && p === 'editedAt'))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('deeply nested JSON is a poison error, not a crash', () => {
    const depth = 100_000;
    const err = decodeOutcome(encoder.encode('['.repeat(depth) + ']'.repeat(depth)));
    expect(isPoisonRecordError(err)).toBe(true);
  });

  it('firstInvalidUtf8Offset agrees with the fatal TextDecoder', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const utf8ish = fc.array(
      fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x80, 0xbf, 0xc2, 0xe0, 0xed, 0xf0, 0xf4)),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(utf8ish, (list) => {
        const bytes = new Uint8Array(list);
        let valid = true;
        try {
          decoder.decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8Offset(bytes) === -1).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('timestamp properties', () => {
  it('parses every allowed form to the instant it denotes', () => {
    fc.assert(
      fc.property(isoTimestampArb, ({ text, utcMs, fraction }) => {
        const instant = parseIsoTimestamp(text);
        expect(instant).toBeDefined();
        expect((instant?.epochSeconds ?? 0) * 1000 + Math.floor((instant?.nanos ?? 0) / 1e6)).toBe(utcMs);
        expect(instant?.nanos).toBe(Number(fraction.padEnd(9, '0')));
      }),
      { numRuns: 500 },
    );
  });

  it('postVersionKey orders as strings exactly as the instants order', () => {
    fc.assert(
      fc.property(isoTimestampArb, isoTimestampArb, (a, b) => {
        const ka = postVersionKey(makePost({ createdAt: a.text }));
        const kb = postVersionKey(makePost({ createdAt: b.text }));
        const [ia, ib] = [parseIsoTimestamp(a.text), parseIsoTimestamp(b.text)];
        if (ia === undefined || ib === undefined) throw new Error('arbitrary made an invalid timestamp');
        const byString = ka === kb ? 0 : ka < kb ? -1 : 1;
        expect(ka).toHaveLength(30);
        expect(byString).toBe(Math.sign(compareInstants(ia, ib)));
      }),
      { numRuns: 500 },
    );
  });
});
