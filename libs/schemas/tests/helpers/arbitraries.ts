// fast-check arbitraries of valid posts and of ISO timestamps written in any allowed form.
import fc from 'fast-check';
import type { SocialPost } from '../../src/types';
import { SOURCE_NETWORKS } from '../../src/types';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Parts of an ISO timestamp: a UTC instant (ms) written with an offset and 0–9 fraction digits. */
export const isoTimestampArb: fc.Arbitrary<{ text: string; utcMs: number; fraction: string }> = fc
  .record({
    utcMs: fc.integer({ min: Date.UTC(100, 0, 1), max: Date.UTC(9990, 0, 1) }),
    offsetMinutes: fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
    fractionDigits: fc.integer({ min: 0, max: 9 }),
    subMs: fc.integer({ min: 0, max: 999_999 }),
  })
  .map(({ utcMs, offsetMinutes, fractionDigits, subMs }) => {
    const local = new Date(utcMs + offsetMinutes * 60_000);
    const ms = local.getUTCMilliseconds();
    const fraction = `${pad(ms, 3)}${pad(subMs, 6)}`.slice(0, fractionDigits);
    const abs = Math.abs(offsetMinutes);
    const zone =
      offsetMinutes === 0 && fractionDigits % 2 === 0
        ? 'Z'
        : `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
    const text =
      `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1, 2)}-${pad(local.getUTCDate(), 2)}` +
      `T${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}` +
      (fractionDigits > 0 ? `.${fraction}` : '') +
      zone;
    return { text, utcMs: utcMs - ms + Number(fraction.padEnd(3, '0').slice(0, 3)), fraction };
  });

// Any code points (astral ones included). Unpaired surrogates are excluded: the validator
// rejects them, since they have no UTF-8 form (see invalidPost cases in validate.test.ts).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const anyText = (maxLength: number) =>
  fc.string({ unit: 'binary', maxLength }).filter((s) => s.length <= maxLength && !LONE_SURROGATE.test(s));
// Identifiers (postId, author.id, author.handle): non-empty, no control character, not blank.
const CONTROL_CHARACTER = /\p{Cc}/u;
const identifier = (maxLength: number) =>
  anyText(maxLength).filter(
    (s) => s.length > 0 && !CONTROL_CHARACTER.test(s) && /[^\s\p{Default_Ignorable_Code_Point}]/u.test(s),
  );
const count = fc.option(fc.maxSafeNat(), { nil: undefined });

/** Any valid post (optional fields present or absent, never `undefined`-valued). */
export const validPostArb: fc.Arbitrary<SocialPost> = fc
  .record(
    {
      postId: identifier(128),
      source: fc.constantFrom(...SOURCE_NETWORKS),
      author: fc.record({ id: identifier(128), handle: identifier(64) }),
      text: anyText(400),
      lang: fc.constantFrom('en', 'pt-BR', 'zh-Hant-TW', 'und', 'EN', 'de-CH-1901'),
      created: isoTimestampArb,
      editDelayMs: fc.integer({ min: 0, max: 10 ** 9 }),
      engagement: fc.record({ likes: count, reposts: count, replies: count }),
    },
    { requiredKeys: ['postId', 'source', 'author', 'text', 'created'] },
  )
  .map(({ created, editDelayMs, engagement, ...rest }) => {
    const post: Record<string, unknown> = { schemaVersion: 1, ...rest, createdAt: created.text };
    if (editDelayMs !== undefined) post['editedAt'] = new Date(created.utcMs + editDelayMs + 1).toISOString();
    if (engagement !== undefined) {
      post['engagement'] = Object.fromEntries(Object.entries(engagement).filter(([, v]) => v !== undefined));
    }
    return post as unknown as SocialPost;
  });
