// The stored form of an EnrichedPost in its post item (pure). Write units are billed per started
// KB of item, and the field names of the JSON were ~210 of a typical post item's ~1,000 bytes:
// the post item's `d` attribute holds the JSON with every field name of the schema replaced by
// one letter, which brings most posts under 1 KB. A post with a field name this table does not
// know (a later schema, say) is stored as plain JSON in `doc`, as items written before were; the
// reader takes either.
import type { EnrichedPost } from '@streamlens/schemas';

/**
 * Field names of EnrichedPost, in the order of their letters (a, b, …, z, A, B, …). A stored
 * format: append only, never reorder or remove, or stored posts would read wrongly.
 */
const FIELD_NAMES = [
  'post',
  'schemaVersion',
  'postId',
  'source',
  'author',
  'id',
  'handle',
  'text',
  'lang',
  'createdAt',
  'editedAt',
  'engagement',
  'likes',
  'reposts',
  'replies',
  'hashtags',
  'mentions',
  'urls',
  'sentiment',
  'score',
  'comparative',
  'language',
  'ingestedAt',
  'lineage',
  'shardId',
  'sequenceNumber',
  'subSequenceNumber',
  'arrivedAt',
] as const;

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SHORT = new Map<string, string>(FIELD_NAMES.map((name, i) => [name, LETTERS[i] as string]));
const LONG = new Map<string, string>(FIELD_NAMES.map((name, i) => [LETTERS[i] as string, name]));

/** A post item attribute holding the post: `d` (short field names) or `doc` (plain JSON). */
export interface StoredDoc {
  readonly name: 'd' | 'doc';
  readonly value: string;
}

class UnknownFieldError extends Error {
  constructor(field: string) {
    super(`field ${field} has no short name`);
    this.name = 'UnknownFieldError';
  }
}

function rename(value: unknown, names: ReadonlyMap<string, string>, strict: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => rename(v, names, strict));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const renamed = names.get(key);
    if (renamed === undefined && strict) throw new UnknownFieldError(key);
    out[renamed ?? key] = rename(v, names, strict);
  }
  return out;
}

/** The stored form of a post: short field names when every name is known, else plain JSON. */
export function encodePostDoc(post: EnrichedPost): StoredDoc {
  try {
    return { name: 'd', value: JSON.stringify(rename(post, SHORT, true)) };
  } catch (err) {
    if (!(err instanceof UnknownFieldError)) throw err;
    return { name: 'doc', value: JSON.stringify(post) };
  }
}

/** The post of a stored form. */
export function decodePostDoc(doc: StoredDoc): EnrichedPost {
  const parsed: unknown = JSON.parse(doc.value);
  return (doc.name === 'd' ? rename(parsed, LONG, false) : parsed) as EnrichedPost;
}
