// Behaviour every posts store must have (run for DynamoDB's writer + reader and for the fake).
import {
  InvalidCursorError,
  InvalidRecordError,
  ItemTooLargeError,
  type PostsReader,
  type PostsWriter,
  type PutPostsResult,
} from '../../src';
import { oversizedPost, post } from '../helpers/posts';

/** A writer and a reader over one table. */
export type PostsStore = PostsWriter & PostsReader;

/** The outcome lists of a put, without the consumed units (they differ between stores). */
export function outcome(r: PutPostsResult): Omit<PutPostsResult, 'consumed'> {
  return { written: r.written, skippedAsOlder: r.skippedAsOlder, rejected: r.rejected };
}

export function describePostsContract(name: string, makeRepo: () => Promise<PostsStore>): void {
  describe(`posts contract: ${name}`, () => {
    let repo: PostsStore;
    beforeEach(async () => {
      repo = await makeRepo();
    });

    it('stores posts and reads them back', async () => {
      // prepare
      const a = post({ id: 'a', tags: ['café', '東京'] });
      const b = post({ id: 'b' });
      // act
      const result = await repo.putPosts([a, b]);
      // assess
      expect(outcome(result)).toEqual({ written: ['a', 'b'], skippedAsOlder: [], rejected: [] });
      expect(await repo.getPost('a')).toEqual(a);
      expect(await repo.getPost('b')).toEqual(b);
      expect(await repo.getPost('missing')).toBeUndefined();
    });

    it('is idempotent: a retried batch leaves one item per post and one index entry per hashtag', async () => {
      // prepare
      const batch = [post({ id: 'a', tags: ['x', 'y'] }), post({ id: 'b', tags: ['x'] })];
      // act
      await repo.putPosts(batch);
      const again = await repo.putPosts(batch);
      // assess
      expect(again.written.sort()).toEqual(['a', 'b']);
      expect((await repo.recentPostsByHashtag('x')).items.map((s) => s.postId).sort()).toEqual(['a', 'b']);
      expect((await repo.recentPostsByHashtag('y')).items.map((s) => s.postId)).toEqual(['a']);
      expect(await repo.getPost('a')).toEqual(batch[0]);
    });

    it('keeps the newer version when an older one arrives later', async () => {
      // prepare
      const v1 = post({ id: 'p', text: 'v1 #t', tags: ['t'] });
      const v2 = post({ id: 'p', editedAt: '2025-01-15T13:00:00.000Z', seq: '999', text: 'v2 #t', tags: ['t'] });
      await repo.putPosts([v2]);
      // act
      const result = await repo.putPosts([v1]);
      // assess
      expect(outcome(result)).toEqual({ written: [], skippedAsOlder: ['p'], rejected: [] });
      expect(await repo.getPost('p')).toEqual(v2);
      expect((await repo.recentPostsByHashtag('t')).items[0]?.textPreview).toBe('v2 #t');
    });

    it('resolves out-of-order duplicates inside one batch to the newest version', async () => {
      // prepare
      const v1 = post({ id: 'p', seq: '5', text: 'v1' });
      const v2 = post({ id: 'p', editedAt: '2025-01-15T12:30:00.000Z', seq: '7', text: 'v2' });
      const v3 = post({ id: 'p', editedAt: '2025-01-15T12:45:00.000Z', seq: '6', text: 'v3' });
      // act
      const result = await repo.putPosts([v2, v3, v1, v3, v2]);
      // assess
      expect(outcome(result)).toEqual({ written: ['p'], skippedAsOlder: [], rejected: [] });
      expect(await repo.getPost('p')).toEqual(v3);
    });

    it('breaks a tie of edit time with the sequence number (compared as numbers, not strings)', async () => {
      // prepare
      const early = post({ id: 'p', seq: '9', text: 'seq 9' });
      const late = post({ id: 'p', seq: '10', text: 'seq 10' });
      await repo.putPosts([late]);
      // act
      const result = await repo.putPosts([early]);
      // assess
      expect(result.skippedAsOlder).toEqual(['p']);
      expect((await repo.getPost('p'))?.post.text).toBe('seq 10');
    });

    it('moves index entries when an edit changes the hashtags', async () => {
      // prepare
      await repo.putPosts([post({ id: 'p', tags: ['a', 'b'] })]);
      // act
      await repo.putPosts([post({ id: 'p', editedAt: '2025-01-15T13:00:00.000Z', tags: ['b', 'c'] })]);
      // assess
      expect((await repo.recentPostsByHashtag('a')).items).toEqual([]);
      expect((await repo.recentPostsByHashtag('b')).items.map((s) => s.postId)).toEqual(['p']);
      expect((await repo.recentPostsByHashtag('c')).items.map((s) => s.postId)).toEqual(['p']);
    });

    it('lists a hashtag newest first, page by page, whatever the case or leading #', async () => {
      // prepare
      const posts = Array.from({ length: 5 }, (_, i) =>
        post({ id: `p${i}`, createdAt: `2025-01-15T12:0${i}:00.000Z`, tags: ['café'] }),
      );
      await repo.putPosts(posts);
      // act
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await repo.recentPostsByHashtag('#CAFÉ', { limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((s) => s.postId));
        cursor = page.cursor;
        pages++;
      } while (cursor && pages < 10);
      // assess
      expect(seen).toEqual(['p4', 'p3', 'p2', 'p1', 'p0']);
      const first = (await repo.recentPostsByHashtag('café', { limit: 1 })).items[0];
      expect(first).toEqual({
        postId: 'p4',
        createdAt: '2025-01-15T12:04:00.000Z',
        source: posts[4]?.post.source,
        authorHandle: posts[4]?.post.author.handle,
        language: posts[4]?.language,
        sentimentScore: 0,
        textPreview: posts[4]?.post.text,
      });
    });

    it('rejects malformed cursors and cursors of another hashtag', async () => {
      // prepare
      await repo.putPosts([post({ id: 'a', tags: ['x'] }), post({ id: 'b', tags: ['x'] })]);
      const page = await repo.recentPostsByHashtag('x', { limit: 1 });
      // act / assess
      await expect(repo.recentPostsByHashtag('y', { cursor: page.cursor as string })).rejects.toThrow(
        InvalidCursorError,
      );
      await expect(repo.recentPostsByHashtag('x', { cursor: 'not-a-cursor' })).rejects.toThrow(InvalidCursorError);
      await expect(repo.recentPostsByHashtag('x', { limit: 0 })).rejects.toThrow(RangeError);
    });

    it('rejects an oversized post up front, writes the rest, and reports it by post id', async () => {
      // act
      const result = await repo.putPosts([post({ id: 'ok', tags: ['big'] }), oversizedPost('huge')]);
      // assess
      expect(result.written).toEqual(['ok']);
      expect(result.rejected).toHaveLength(1);
      const rejected = result.rejected[0];
      expect(rejected?.id).toBe('huge');
      expect(rejected?.error).toBeInstanceOf(ItemTooLargeError);
      expect((rejected?.error as ItemTooLargeError).key).toEqual({ pk: 'POST#huge', sk: 'POST' });
      expect(await repo.getPost('huge')).toBeUndefined();
      expect((await repo.recentPostsByHashtag('big')).items.map((s) => s.postId)).toEqual(['ok']);
    });

    it('handles a batch with a duplicate key, an oversized item, an older version and a valid item without corrupting stored data', async () => {
      // prepare
      const storedV2 = post({ id: 'kept', editedAt: '2025-01-15T14:00:00.000Z', text: 'kept v2', tags: ['t'] });
      await repo.putPosts([storedV2]);
      const dupOld = post({ id: 'dup', seq: '1', text: 'dup old' });
      const dupNew = post({ id: 'dup', seq: '2', text: 'dup new' });
      // act
      const result = await repo.putPosts([
        post({ id: 'kept', text: 'kept v1' }),
        dupNew,
        oversizedPost('big'),
        dupOld,
        post({ id: 'valid' }),
      ]);
      // assess
      expect(result.written.sort()).toEqual(['dup', 'valid']);
      expect(result.skippedAsOlder).toEqual(['kept']);
      expect(result.rejected.map((r) => r.id)).toEqual(['big']);
      expect(await repo.getPost('kept')).toEqual(storedV2);
      expect((await repo.getPost('dup'))?.post.text).toBe('dup new');
      expect(await repo.getPost('big')).toBeUndefined();
    });

    it('rejects a post whose time cannot be ordered, naming the post and field', async () => {
      // act
      const bad = post({ id: 'bad', createdAt: 'yesterday' });
      const result = await repo.putPosts([bad, post({ id: 'good' })]);
      // assess
      expect(result.written).toEqual(['good']);
      expect(result.rejected[0]?.error).toBeInstanceOf(InvalidRecordError);
      expect(result.rejected[0]?.error.message).toBe(
        'record bad: post.createdAt expected ISO 8601 date-time with timezone, got "yesterday"',
      );
    });

    it('keeps the newer version at sub-millisecond precision (.000600 before .000500 on one shard)', async () => {
      // prepare: the newer edit arrives first, the older one later with a higher sequence number
      const newer = post({ id: 'p', editedAt: '2025-01-15T13:00:00.000600+00:00', seq: '100', text: 'newer #t' });
      const older = post({ id: 'p', editedAt: '2025-01-15T13:00:00.000500+00:00', seq: '200', text: 'older #t' });
      await repo.putPosts([newer]);
      // act
      const result = await repo.putPosts([older]);
      // assess
      expect(outcome(result)).toEqual({ written: [], skippedAsOlder: ['p'], rejected: [] });
      expect((await repo.getPost('p'))?.post.text).toBe('newer #t');
    });

    it('orders versions by instant whatever offset the producer wrote', async () => {
      // prepare: 12:30+02:00 is 10:30Z, earlier than 11:00Z although its text sorts later
      const late = post({ id: 'p', editedAt: '2025-01-15T11:00:00Z', seq: '1', text: 'late' });
      const early = post({ id: 'p', editedAt: '2025-01-15T12:30:00+02:00', seq: '2', text: 'early' });
      // act
      await repo.putPosts([late]);
      await repo.putPosts([early]);
      // assess
      expect((await repo.getPost('p'))?.post.text).toBe('late');
    });

    it('stores a post whose hashtag is too long to index, with its siblings, and indexes its other tags', async () => {
      // prepare: a 2,045-character tag would be a 2,049-byte index partition key
      const long = 'a'.repeat(2045);
      const posts = [
        post({ id: 'long', tags: [long, 'short'] }),
        ...Array.from({ length: 9 }, (_, i) => post({ id: `sib${i}`, tags: ['short'] })),
      ];
      // act
      const result = await repo.putPosts(posts);
      // assess
      expect(outcome(result)).toEqual({ written: posts.map((p) => p.post.postId), skippedAsOlder: [], rejected: [] });
      expect((await repo.getPost('long'))?.hashtags).toEqual([long, 'short']);
      expect((await repo.recentPostsByHashtag('short', { limit: 100 })).items).toHaveLength(10);
      expect((await repo.recentPostsByHashtag(long)).items).toEqual([]);
    });

    it('finds a post by any spelling of its hashtag: case, NFC or NFD, leading #', async () => {
      // prepare: stored with the decomposed spelling enrichment might pass through unnormalised
      await repo.putPosts([post({ id: 'c', tags: ['Cafe\u0301'] })]);
      // act / assess
      for (const asked of ['café', 'CAFÉ', '#cafe\u0301', '#CAFE\u0301', 'Café'.normalize('NFD')])
        expect((await repo.recentPostsByHashtag(asked)).items.map((s) => s.postId)).toEqual(['c']);
    });

    it('lists posts created within one millisecond in their full-precision order', async () => {
      // prepare
      const at = (ns: string) => `2025-01-15T12:00:00.000${ns}Z`;
      await repo.putPosts([
        post({ id: 'first', createdAt: at('000100'), tags: ['t'] }),
        post({ id: 'third', createdAt: at('000900'), tags: ['t'] }),
        post({ id: 'second', createdAt: at('000500'), tags: ['t'] }),
      ]);
      // act
      const listed = (await repo.recentPostsByHashtag('t')).items.map((s) => s.postId);
      // assess
      expect(listed).toEqual(['third', 'second', 'first']);
    });
  });
}
