// The aggregator's per-post fold input matches what enrichment gives the consumer.
import { enrichPost, extractEntities, toFoldInput } from '@streamlens/analytics';
import { makeSocialPost, socialPostStream, take } from '@streamlens/testing';
import { foldInputOf, hashtagsOf } from '../../src/post-features';

describe('post features', () => {
  it.each([
    ['no hash sign at all', []],
    ['full-width sign ＃Café and #café', ['café']],
    ['a URL https://x.com/#frag is not a tag, #real is', ['real']],
    ['#AWS #aws #Kinesis', ['aws', 'kinesis']],
  ])('hashtagsOf(%j) equals twitter-text extraction', (text, expected) => {
    // prepare / act
    const tags = hashtagsOf(text);
    // assess
    expect(tags).toEqual(expected);
    expect(tags).toEqual(extractEntities(text).hashtags);
  });

  it('foldInputOf equals toFoldInput(enrichPost(...)) for realistic posts', () => {
    // prepare
    const posts = [
      ...take(socialPostStream({ seed: 11 }), 300),
      makeSocialPost({ lang: 'PT-br', text: 'Bom dia #Café' }),
    ];
    // act
    const ours = posts.map((p, i) => foldInputOf(p, 1_000 + i));
    // assess
    const theirs = posts.map((p, i) =>
      toFoldInput(enrichPost(p, { shardId: 's', sequenceNumber: '1', arrivedAt: 1_000 + i }, new Date())),
    );
    expect(ours).toEqual(theirs);
    expect(ours.some((f) => f.hashtags.length > 0) && ours.some((f) => f.hashtags.length === 0)).toBe(true);
  });
});
