// Enriched post builders for repository tests.
import type { EnrichedPost } from '@streamlens/schemas';
import { makeEnrichedPost, makeSocialPost } from '@streamlens/testing';

export interface PostSpec {
  readonly id: string;
  readonly createdAt?: string;
  readonly editedAt?: string;
  readonly seq?: string;
  readonly tags?: readonly string[];
  readonly text?: string;
}

/** An enriched post with exactly the given hashtags, times and sequence number. */
export function post(spec: PostSpec): EnrichedPost {
  const tags = spec.tags ?? ['news'];
  const base = makeSocialPost({
    postId: spec.id,
    createdAt: spec.createdAt ?? '2025-01-15T12:00:00.000Z',
    text: spec.text ?? `post ${spec.id} ${tags.map((t) => `#${t}`).join(' ')}`,
    ...(spec.editedAt ? { editedAt: spec.editedAt } : {}),
  });
  const e = makeEnrichedPost(base, { sequenceNumber: spec.seq ?? '1000' });
  return { ...e, hashtags: [...tags] };
}

/** A post whose stored item exceeds 400 KB. */
export function oversizedPost(id: string): EnrichedPost {
  return post({ id, text: 'x'.repeat(450 * 1024), tags: ['big'] });
}
