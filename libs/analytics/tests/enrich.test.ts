import type { SocialPost } from '@streamlens/schemas';
import { extractHashtags } from 'twitter-text';
import { enrichPost, extractEntities } from '../src/enrich';
import { scoreSentiment } from '../src/sentiment';

const lineage = {
  shardId: 'shardId-000000000001',
  sequenceNumber: '4960',
  subSequenceNumber: 2,
  arrivedAt: 1_714_564_800_000,
};

function post(text: string, lang?: string): SocialPost {
  return {
    schemaVersion: 1,
    postId: 'p1',
    source: 'x',
    author: { id: 'u1', handle: 'ana' },
    text,
    createdAt: '2024-05-01T12:00:00Z',
    ...(lang === undefined ? {} : { lang }),
  };
}

describe('extractEntities', () => {
  it('extracts Unicode hashtags, lower-cased, NFC-normalised and de-duplicated in order', () => {
    // prepare: "café" precomposed, upper-case and decomposed (e + U+0301) are one tag
    const text = '#Café #日本語 #CAFÉ #cafe\u0301 #Ünïcode #ß #AWS #aws';
    // act
    const { hashtags } = extractEntities(text);
    // assess
    expect(hashtags).toEqual(['café', '日本語', 'ünïcode', 'ß', 'aws']);
  });

  it('takes hashtags from twitter-text, not from inside URLs', () => {
    // prepare
    const text = 'see https://example.com/page#section and #real #123 a#b';
    // act
    const { hashtags, urls } = extractEntities(text);
    // assess
    expect(hashtags).toEqual(['real']);
    expect(urls).toEqual(['https://example.com/page#section']);
  });

  it('finds the same hashtags as twitter-text extractHashtags on ordinary text', () => {
    // prepare
    const texts = ['#a #b c #d', 'x.com #Tag_1 https://t.co/x #Ω', '＃fullwidth #中文 #ok!'];
    // act / assess
    for (const text of texts) {
      expect(extractEntities(text).hashtags).toEqual([...new Set(extractHashtags(text).map((t) => t.toLowerCase()))]);
    }
  });

  it('de-duplicates mentions case-insensitively (first spelling kept) and URLs exactly', () => {
    // act
    const { mentions, urls } = extractEntities('@Ana @ana @bo https://a.io https://a.io example.org');
    // assess
    expect(mentions).toEqual(['Ana', 'bo']);
    expect(urls).toEqual(['https://a.io', 'example.org']);
  });

  it('returns empty lists for a text without entities', () => {
    expect(extractEntities('')).toEqual({ hashtags: [], mentions: [], urls: [] });
  });
});

describe('enrichPost', () => {
  it('builds the enriched post', () => {
    // prepare
    const p = post('I love #Serverless, not bad at all @aws https://aws.amazon.com', 'EN-us');
    const at = new Date('2024-05-01T12:00:05.123Z');
    // act
    const enriched = enrichPost(p, lineage, at);
    // assess
    expect(enriched).toEqual({
      post: p,
      hashtags: ['serverless'],
      mentions: ['aws'],
      urls: ['https://aws.amazon.com'],
      sentiment: scoreSentiment(p.text),
      language: 'en-US',
      ingestedAt: '2024-05-01T12:00:05.123Z',
      lineage,
    });
    expect(enriched.sentiment.score).toBeGreaterThan(0);
  });

  it('uses "und" when the post has no language', () => {
    expect(enrichPost(post('hi'), lineage, new Date(0)).language).toBe('und');
  });

  it('rejects an invalid ingestion date', () => {
    expect(() => enrichPost(post('hi'), lineage, new Date(Number.NaN))).toThrow('ingestedAt is an invalid Date');
  });
});

describe('scoreSentiment', () => {
  it.each([
    ['I love this, it is great', (s: number) => s > 0],
    ['awful, I hate it', (s: number) => s < 0],
    ['the table is wooden', (s: number) => s === 0],
  ])('scores %j', (text, expected) => {
    expect(expected(scoreSentiment(text).score)).toBe(true);
  });

  it('gives score and comparative (score per token)', () => {
    // act
    const result = scoreSentiment('good good');
    // assess
    expect(result).toEqual({ score: 6, comparative: 3 });
  });

  it('gives 0, not NaN, for an empty text and ignores prototype words', () => {
    expect(scoreSentiment('')).toEqual({ score: 0, comparative: 0 });
    expect(scoreSentiment('constructor __proto__ hasOwnProperty').score).toBe(0);
  });
});
