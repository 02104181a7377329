// Runtime validation of a SocialPost: hand-written (chosen by measurement, see
// bench/validation.bench.ts), reports every problem with its path, and builds a fresh result
// holding only known keys, so unknown keys and prototype-pollution keys never travel on.
import type { ValidationIssue } from './errors';
import { SchemaViolationError } from './errors';
import type { IsoInstant } from './iso-time';
import { compareInstants, parseIsoTimestamp } from './iso-time';
import { FORBIDDEN_KEYS, LANGUAGE_TAG_PATTERN, POST_LIMITS } from './limits';
import type { Engagement, SocialPost, SourceNetwork } from './types';
import { CURRENT_SCHEMA_VERSION, SOURCE_NETWORKS } from './types';

/** Outcome of {@link validateSocialPost}: the clean post, or every issue found. */
export type ValidationResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

type Obj = Record<string, unknown>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// Module-local copies of imported constants: read on every record, and some runtimes (tsx,
// unbundled CommonJS interop) turn each imported binding access into a getter call.
const SOURCES: ReadonlySet<string> = new Set(SOURCE_NETWORKS);
const VERSION = CURRENT_SCHEMA_VERSION;
const MAX_POST_ID = POST_LIMITS.maxPostIdLength;
const MAX_AUTHOR_ID = POST_LIMITS.maxAuthorIdLength;
const MAX_HANDLE = POST_LIMITS.maxHandleLength;
const MAX_TEXT = POST_LIMITS.maxTextLength;
const MAX_LANG = POST_LIMITS.maxLangLength;
const LANG_PATTERN = LANGUAGE_TAG_PATTERN;
const FORBIDDEN: readonly string[] = FORBIDDEN_KEYS;
const parseTimestamp = parseIsoTimestamp;
const compareTimestamps = compareInstants;
const SOURCE_LIST = SOURCE_NETWORKS.join(', ');
const ENGAGEMENT_KEYS = ['likes', 'reposts', 'replies'] as const;

/**
 * Validates an unknown value (usually parsed JSON) as a {@link SocialPost}.
 *
 * Rules: plain objects only; keys `__proto__`, `constructor` and `prototype` are rejected
 * wherever an object is read; other unknown keys are ignored and never copied into the result;
 * `null` in an optional field counts as absent. The identifiers `postId`, `author.id` and
 * `author.handle` must hold no control character (U+0000–U+001F, U+007F–U+009F) and not be
 * made only of whitespace and invisible (default-ignorable) characters. See {@link POST_LIMITS}
 * for lengths.
 *
 * @returns `{ ok: true, value }` with a fresh post, or `{ ok: false, issues }` listing every
 * problem, e.g. `{ path: 'author.handle', message: 'must not be blank (got only whitespace or invisible characters)' }`.
 * @example
 * ```ts
 * const r = validateSocialPost(JSON.parse(text));
 * if (!r.ok) console.log(r.issues.map((i) => `${i.path}: ${i.message}`));
 * ```
 */
export function validateSocialPost(input: unknown): ValidationResult<SocialPost> {
  const issues: ValidationIssue[] = [];
  if (!checkObject(input, '$', issues)) return { ok: false, issues };
  if (input['schemaVersion'] !== VERSION) {
    issues.push({ path: 'schemaVersion', message: `expected ${VERSION}, got ${describe(input['schemaVersion'])}` });
  }
  const postId = requiredIdentifier(input['postId'], 'postId', MAX_POST_ID, issues);
  const source = input['source'];
  if (typeof source !== 'string' || !SOURCES.has(source)) {
    issues.push({ path: 'source', message: `expected one of ${SOURCE_LIST}, got ${describe(source)}` });
  }
  const author = readAuthor(input['author'], issues);
  const text = requiredString(input['text'], 'text', 0, MAX_TEXT, issues);
  const lang = optionalLang(input['lang'], issues);
  const createdAt = requiredTimestamp(input['createdAt'], 'createdAt', issues);
  const editedAt = input['editedAt'] == null ? undefined : requiredTimestamp(input['editedAt'], 'editedAt', issues);
  if (createdAt !== undefined && editedAt !== undefined && compareTimestamps(editedAt[1], createdAt[1]) < 0) {
    issues.push({ path: 'editedAt', message: 'must not be earlier than createdAt' });
  }
  const engagement = input['engagement'] == null ? undefined : readEngagement(input['engagement'], issues);
  if (issues.length > 0) return { ok: false, issues };

  const post: Mutable<SocialPost> = {
    schemaVersion: VERSION,
    postId: postId as string,
    source: source as SourceNetwork,
    author: author as SocialPost['author'],
    text: text as string,
    createdAt: (createdAt as [string, IsoInstant])[0],
  };
  if (lang !== undefined) post.lang = lang;
  if (editedAt !== undefined) post.editedAt = editedAt[0];
  if (engagement !== undefined) post.engagement = engagement;
  return { ok: true, value: post };
}

/**
 * Like {@link validateSocialPost} but throws.
 *
 * @throws SchemaViolationError listing every issue.
 * @example
 * ```ts
 * const post = parseSocialPost(JSON.parse(text));
 * ```
 */
export function parseSocialPost(input: unknown): SocialPost {
  const result = validateSocialPost(input);
  if (!result.ok) throw new SchemaViolationError(result.issues);
  return result.value;
}

// True when `value` is a plain object whose known keys can be read. Forbidden keys are
// reported but do not stop the reading, so the other problems are reported too.
function checkObject(value: unknown, path: string, issues: ValidationIssue[]): value is Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({ path, message: `expected object, got ${describe(value)}` });
    return false;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    issues.push({ path, message: `expected plain object, got ${describe(value)}` });
    return false;
  }
  // Fast path: three own-key probes; the loop below only runs to name the culprits.
  if (Object.hasOwn(value, '__proto__') || Object.hasOwn(value, 'constructor') || Object.hasOwn(value, 'prototype')) {
    for (const key of FORBIDDEN) {
      if (Object.hasOwn(value, key)) issues.push({ path: join(path, key), message: 'forbidden key' });
    }
  }
  return true;
}

function readAuthor(value: unknown, issues: ValidationIssue[]): SocialPost['author'] | undefined {
  if (!checkObject(value, 'author', issues)) return undefined;
  const id = requiredIdentifier(value['id'], 'author.id', MAX_AUTHOR_ID, issues);
  const handle = requiredIdentifier(value['handle'], 'author.handle', MAX_HANDLE, issues);
  return id === undefined || handle === undefined ? undefined : { id, handle };
}

function readEngagement(value: unknown, issues: ValidationIssue[]): Engagement | undefined {
  if (!checkObject(value, 'engagement', issues)) return undefined;
  const result: Mutable<Engagement> = {};
  for (const key of ENGAGEMENT_KEYS) {
    const n = value[key];
    if (n == null) continue;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      issues.push({ path: `engagement.${key}`, message: `expected non-negative safe integer, got ${describe(n)}` });
    } else {
      result[key] = n;
    }
  }
  return result;
}

// A UTF-16 surrogate without its pair. Such a string has no UTF-8 form: DynamoDB and Kinesis
// would store U+FFFD instead, so two different ids could collapse into one key.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function requiredString(
  value: unknown,
  path: string,
  min: number,
  max: number,
  issues: ValidationIssue[],
): string | undefined {
  if (typeof value === 'string' && value.length >= min && value.length <= max) {
    if (!LONE_SURROGATE.test(value)) return value;
    issues.push({ path, message: 'expected well-formed Unicode, got a string with an unpaired surrogate' });
    return undefined;
  }
  const kind = min > 0 ? 'non-empty string' : 'string';
  const message =
    typeof value === 'string' && value.length > max
      ? `expected ${kind} of at most ${max} characters, got ${value.length}`
      : `expected ${kind}, got ${describe(value)}`;
  issues.push({ path, message });
  return undefined;
}

// Unicode category Cc: C0 controls, DEL and C1 controls (U+0000–U+001F, U+007F–U+009F). An
// identifier holding one (e.g. "p1\u0000") prints like another id in logs and consoles, is cut
// short by C-string tooling, and is a second, invisibly different key next to the real one.
const CONTROL_CHARACTER = /\p{Cc}/u;
// A visible character: neither whitespace (the set String.prototype.trim strips) nor
// default-ignorable (zero-width space and joiner, soft hyphen, Hangul fillers, variation
// selectors...), which render as nothing: "\u200b" identifies a post no better than "".
const NON_BLANK = /[^\s\p{Default_Ignorable_Code_Point}]/u;

// A non-empty string of at most `max` code units that can serve as an identifier: no control
// characters and not blank (" ", "\u3000" or "\u200b" is as unidentifying as "").
function requiredIdentifier(value: unknown, path: string, max: number, issues: ValidationIssue[]): string | undefined {
  const text = requiredString(value, path, 1, max, issues);
  if (text === undefined) return undefined;
  const control = CONTROL_CHARACTER.exec(text);
  if (control !== null) {
    const code = (control[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
    issues.push({ path, message: `must not contain control characters (found U+${code} at index ${control.index})` });
    return undefined;
  }
  // Fast path: a printable ASCII first character is not whitespace, so the string is not blank.
  const first = text.charCodeAt(0);
  if ((first <= 0x20 || first >= 0x7f) && !NON_BLANK.test(text)) {
    issues.push({ path, message: 'must not be blank (got only whitespace or invisible characters)' });
    return undefined;
  }
  return text;
}

function optionalLang(value: unknown, issues: ValidationIssue[]): string | undefined {
  if (value == null) return undefined;
  if (typeof value === 'string' && value.length <= MAX_LANG && LANG_PATTERN.test(value)) {
    return value;
  }
  issues.push({ path: 'lang', message: `expected language tag such as "en" or "pt-BR", got ${describe(value)}` });
  return undefined;
}

function requiredTimestamp(value: unknown, path: string, issues: ValidationIssue[]): [string, IsoInstant] | undefined {
  const instant = typeof value === 'string' ? parseTimestamp(value) : undefined;
  if (instant !== undefined) return [value as string, instant];
  issues.push({
    path,
    message: `expected ISO 8601 date-time with timezone (e.g. 2024-05-01T12:00:00Z), got ${describe(value)}`,
  });
  return undefined;
}

function join(path: string, key: string): string {
  return path === '$' ? key : `${path}.${key}`;
}

// Names what was found without echoing long or sensitive content.
function describe(value: unknown): string {
  if (value === undefined) return 'nothing (required)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string')
    return value.length <= 40 ? JSON.stringify(value) : `string of ${value.length} characters`;
  if (typeof value === 'number') return String(value);
  return typeof value;
}
