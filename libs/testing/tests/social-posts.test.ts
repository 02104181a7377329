import { makeEnrichedPost, makeSocialPost, SAMPLE_HASHTAGS, socialPostStream, take } from '../src';

describe('record factories', () => {
  it('makes the same post for the same seed and applies overrides', () => {
    expect(makeSocialPost({}, 7)).toEqual(makeSocialPost({}, 7));
    expect(makeSocialPost({}, 7)).not.toEqual(makeSocialPost({}, 8));
    expect(makeSocialPost({ postId: 'p1', text: '' }).postId).toBe('p1');
  });

  it('streams varied posts with Zipf-skewed hashtags, several scripts and emoji', () => {
    // act
    const posts = take(socialPostStream({ seed: 1 }), 2000);
    // assess
    const counts = new Map<string, number>();
    for (const p of posts)
      for (const m of p.text.matchAll(/#([\p{L}\p{N}_]+)/gu)) counts.set(m[1] ?? '', (counts.get(m[1] ?? '') ?? 0) + 1);
    const top = counts.get(SAMPLE_HASHTAGS[0]) ?? 0;
    const tail = counts.get(SAMPLE_HASHTAGS[SAMPLE_HASHTAGS.length - 1] ?? '') ?? 0;
    expect(top).toBeGreaterThan(5 * tail);
    expect(posts.some((p) => /\p{Script=Han}/u.test(p.text))).toBe(true);
    expect(posts.some((p) => /\p{Script=Arabic}/u.test(p.text))).toBe(true);
    expect(posts.some((p) => /\p{Extended_Pictographic}/u.test(p.text))).toBe(true);
    expect(posts.some((p) => p.lang === undefined)).toBe(true);
    const lengths = posts.map((p) => p.text.length);
    expect(Math.max(...lengths)).toBeGreaterThan(5 * Math.min(...lengths));
    expect(new Set(posts.map((p) => p.postId)).size).toBe(posts.length);
    expect(take(socialPostStream({ seed: 1 }), 50)).toEqual(posts.slice(0, 50));
  });

  it('emits later versions of earlier posts when editRate is set', () => {
    // act
    const posts = take(socialPostStream({ seed: 2, editRate: 0.2 }), 500);
    // assess
    const edits = posts.filter((p) => p.editedAt !== undefined);
    expect(edits.length).toBeGreaterThan(50);
    for (const e of edits) {
      const original = posts.find((p) => p.postId === e.postId && p.editedAt === undefined);
      expect(original).toBeDefined();
      expect(Date.parse(e.editedAt as string)).toBeGreaterThan(Date.parse(original?.createdAt as string));
    }
  });

  it('derives enriched test posts with hashtags and lineage', () => {
    // act
    const e = makeEnrichedPost(makeSocialPost({ text: 'Olá #Café e #café @Ana https://x.y/z' }), {
      sequenceNumber: '5',
      subSequenceNumber: 2,
    });
    // assess
    expect(e.hashtags).toEqual(['café']);
    expect(e.mentions).toEqual(['ana']);
    expect(e.urls).toEqual(['https://x.y/z']);
    expect(e.lineage).toMatchObject({ sequenceNumber: '5', subSequenceNumber: 2 });
  });
});
