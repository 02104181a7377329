// Behaviour every PostsRepository must have (run for DynamoDB strategies and the fake).
import { InvalidCursorError, InvalidRecordError, ItemTooLargeError, type PostsRepository } from '../../src';
import { oversizedPost, post } from '../helpers/posts';

export function describePostsContract(name: string, makeRepo: () => Promise<PostsRepository>): void {
  describe(`PostsRepository contract: ${name}`, () => {
    let repo: PostsRepository;
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
      expect(result).toEqual({ written: ['a', 'b'], skippedAsOlder: [], rejected: [] });
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
      expect(result).toEqual({ written: [], skippedAsOlder: ['p'], rejected: [] });
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
      expect(result).toEqual({ written: ['p'], skippedAsOlder: [], rejected: [] });
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
        'record bad: post.createdAt is not an ISO 8601 instant: "yesterday"',
      );
    });
  });
}
