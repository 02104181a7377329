import { parseSocialPost, validateSocialPost } from '../src/validate';
import { SchemaViolationError } from '../src/errors';
import { makePost } from './helpers/post-factory';

function issuesOf(input: unknown): string[] {
  const result = validateSocialPost(input);
  return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('validateSocialPost', () => {
  it('accepts a valid post and returns an equal, fresh object', () => {
    // prepare
    const post = makePost({ editedAt: '2024-05-01T14:30:00.5+02:00', engagement: { likes: 3, reposts: 0 } });
    // act
    const result = validateSocialPost(post);
    // assess
    expect(result).toEqual({ ok: true, value: post });
    expect(result.ok && result.value).not.toBe(post);
  });

  it('reports every problem with its path, not just the first', () => {
    // prepare
    const bad = {
      schemaVersion: '1',
      postId: '',
      source: 'myspace',
      author: { id: 7, handle: '' },
      text: 'x'.repeat(10_001),
      lang: 'english please',
      createdAt: '2024-05-01 12:00',
      editedAt: 'yesterday',
      engagement: { likes: -1, reposts: 1.5, replies: 2 ** 53 },
    };
    // act
    const paths = issuesOf(bad).map((i) => i.split(':')[0]);
    // assess
    expect(paths).toEqual([
      'schemaVersion',
      'postId',
      'source',
      'author.id',
      'author.handle',
      'text',
      'lang',
      'createdAt',
      'editedAt',
      'engagement.likes',
      'engagement.reposts',
      'engagement.replies',
    ]);
  });

  it('says what was expected and what was found', () => {
    // prepare
    const bad = { ...makePost(), author: { id: 'u', handle: '' }, text: 'x'.repeat(10_001) };
    // act
    const issues = issuesOf(bad);
    // assess
    expect(issues).toEqual([
      'author.handle: expected non-empty string, got ""',
      'text: expected string of at most 10000 characters, got 10001',
    ]);
  });

  it.each([
    ['postId', { postId: 'p'.repeat(128) }, { postId: 'p'.repeat(129) }],
    ['author.handle', { author: { id: 'u', handle: 'h'.repeat(64) } }, { author: { id: 'u', handle: 'h'.repeat(65) } }],
    ['author.id', { author: { id: 'i'.repeat(128), handle: 'h' } }, { author: { id: 'i'.repeat(129), handle: 'h' } }],
    ['text', { text: 't'.repeat(10_000) }, { text: 't'.repeat(10_001) }],
    ['lang', { lang: 'zh-Hant-TW' }, { lang: 'e' }],
  ])('enforces the limit of %s at its boundary', (path, atLimit, overLimit) => {
    // prepare / act
    const ok = issuesOf(makePost(atLimit as object));
    const bad = issuesOf(makePost(overLimit as object));
    // assess
    expect(ok).toEqual([]);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(new RegExp(`^${path.replace('.', '\\.')}: `));
  });

  it.each([
    ['2024-02-29T00:00:00Z', true],
    ['2023-02-29T00:00:00Z', false],
    ['2024-04-31T00:00:00Z', false],
    ['2024-05-01T24:00:00Z', false],
    ['2024-05-01T23:59:60Z', false],
    ['2024-05-01T12:00:00', false],
    ['2024-05-01T12:00:00z', false],
    ['2024-05-01T12:00:00.123456789-03:30', true],
    ['2024-05-01T12:00:00.1234567890Z', false],
    ['2024-05-01T12:00:00+0200', false],
    ['2024-05-01T12:00:00.Z', false],
    ['2024-05-01', false],
  ])('createdAt %s valid: %s', (createdAt, valid) => {
    // act
    const issues = issuesOf(makePost({ createdAt }));
    // assess
    expect(issues.length === 0).toBe(valid);
  });

  it('rejects an edit earlier than the creation', () => {
    // act
    const issues = issuesOf(makePost({ createdAt: '2024-05-01T12:00:00Z', editedAt: '2024-05-01T13:59:00+02:00' }));
    // assess
    expect(issues).toEqual(['editedAt: must not be earlier than createdAt']);
  });

  it('rejects prototype-pollution keys at every level it reads, without polluting', () => {
    // prepare: JSON.parse makes "__proto__" an own key, as an attacker's record would
    const json = JSON.parse(
      '{"schemaVersion":1,"postId":"p","source":"x","author":{"id":"u","handle":"h","__proto__":{"admin":true}},' +
        '"text":"","createdAt":"2024-05-01T12:00:00Z","constructor":{"prototype":{"x":1}},"engagement":{"prototype":1}}',
    ) as unknown;
    // act
    const issues = issuesOf(json);
    // assess
    expect(issues).toEqual([
      'constructor: forbidden key',
      'author.__proto__: forbidden key',
      'engagement.prototype: forbidden key',
    ]);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  it('ignores unknown keys and never copies them into the result', () => {
    // prepare
    const input = {
      ...makePost(),
      extra: 'x',
      author: { id: 'u', handle: 'h', evil: true },
      engagement: { likes: 1, views: 9 },
    };
    // act
    const result = validateSocialPost(input);
    // assess
    expect(result.ok).toBe(true);
    const value = result.ok ? result.value : undefined;
    expect(Object.keys(value ?? {})).not.toContain('extra');
    expect(value?.author).toEqual({ id: 'u', handle: 'h' });
    expect(value?.engagement).toEqual({ likes: 1 });
  });

  it('treats null in optional fields as absent', () => {
    // act
    const result = validateSocialPost({ ...makePost(), lang: null, editedAt: null, engagement: { likes: null } });
    // assess
    expect(result.ok && result.value).toEqual({ ...makePost(), lang: undefined, engagement: {} });
    expect(result.ok && 'lang' in result.value).toBe(false);
  });

  it.each([
    ['an array', [makePost()], '$: expected object, got array'],
    ['null', null, '$: expected object, got null'],
    ['a class instance', new (class Post {})(), '$: expected plain object, got object'],
    ['a string', 'post', '$: expected object, got "post"'],
  ])('rejects %s as the root', (_label, input, expected) => {
    expect(issuesOf(input)).toEqual([expected]);
  });

  it.each([
    ['postId', { postId: 'a\ud800' }],
    ['text', { text: 'trailing low \udc00' }],
    ['author.handle', { author: { id: 'u1', handle: '\udbff' } }],
  ])('rejects an unpaired surrogate in %s (no UTF-8 form: ids would collapse in storage)', (path, patch) => {
    expect(issuesOf(makePost(patch as never))).toEqual([
      `${path}: expected well-formed Unicode, got a string with an unpaired surrogate`,
    ]);
  });

  it.each([
    [
      'a NUL in postId',
      { postId: 'p1\u0000' },
      'postId: must not contain control characters (found U+0000 at index 2)',
    ],
    [
      'an ANSI escape in postId',
      { postId: '\u001b[31mred' },
      'postId: must not contain control characters (found U+001B at index 0)',
    ],
    ['DEL in postId', { postId: 'a\u007f' }, 'postId: must not contain control characters (found U+007F at index 1)'],
    [
      'a C1 control (NEL) in postId',
      { postId: 'a\u0085b' },
      'postId: must not contain control characters (found U+0085 at index 1)',
    ],
    [
      'a newline in author.handle',
      { author: { id: 'u1', handle: 'al\nice' } },
      'author.handle: must not contain control characters (found U+000A at index 2)',
    ],
    [
      'a NUL-only author.handle',
      { author: { id: 'u1', handle: '\u0000' } },
      'author.handle: must not contain control characters (found U+0000 at index 0)',
    ],
    [
      'a tab in author.id',
      { author: { id: 'u\t1', handle: 'h' } },
      'author.id: must not contain control characters (found U+0009 at index 1)',
    ],
  ])('rejects %s (identifiers must be printable)', (_label, patch, expected) => {
    expect(issuesOf(makePost(patch as never))).toEqual([expected]);
  });

  it.each([
    ['postId', 'one space', { postId: ' ' }],
    ['postId', 'ideographic, no-break and em spaces', { postId: '\u3000\u00a0\u2003' }],
    ['author.handle', 'three spaces', { author: { id: 'u1', handle: '   ' } }],
    ['author.handle', 'a line separator and a BOM', { author: { id: 'u1', handle: '\u2028\ufeff' } }],
    ['author.id', 'a no-break space', { author: { id: '\u00a0', handle: 'h' } }],
    ['postId', 'zero-width space and joiner', { postId: '\u200b\u200d' }],
    ['author.handle', 'a Hangul filler and a soft hyphen', { author: { id: 'u1', handle: '\u3164\u00ad' } }],
  ])('rejects a blank %s (%s)', (path, _label, patch) => {
    expect(issuesOf(makePost(patch as never))).toEqual([
      `${path}: must not be blank (got only whitespace or invisible characters)`,
    ]);
  });

  it('accepts identifiers whose visible characters carry invisible ones (emoji ZWJ sequences)', () => {
    expect(
      issuesOf(makePost({ postId: 'p\u200d1', author: { id: '\u{1F468}\u200d\u{1F469}', handle: 'h' } } as never)),
    ).toEqual([]);
  });

  it('keeps accepting spaces inside identifiers and control characters in text', () => {
    // prepare
    const post = makePost({
      postId: 'reddit t3 abc',
      author: { id: ' u 1 ', handle: 'Ana María' },
      text: 'line one\n\tline two\r\n',
    });
    // act / assess
    expect(issuesOf(post)).toEqual([]);
  });

  it('accepts astral characters (paired surrogates) such as emoji', () => {
    expect(issuesOf(makePost({ text: 'ok 🎉 𝒜', postId: 'id-🎉' }))).toEqual([]);
  });

  it('parseSocialPost throws a SchemaViolationError carrying the issues', () => {
    // act
    const act = () => parseSocialPost({ ...makePost(), source: 'myspace' });
    // assess
    expect(act).toThrow(SchemaViolationError);
    expect(act).toThrow('source: expected one of x, mastodon, bluesky, reddit, threads, other, got "myspace"');
  });
});
