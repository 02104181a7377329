// Audits a posts table directly (Scan, consistent): is the hashtag index exactly what the stored
// post versions say? For tests and the chaos checks; not for production (it reads everything).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { entriesOf, INDEX_PARTITION_PREFIX, parseIndexEntry } from '../hashtag-index';
import { keyString } from '../item-key';
import { postIdOf, storedHead } from '../post-items';

/** What {@link auditPostsIndex} found. */
export interface PostsIndexAudit {
  /** Post items. */
  readonly posts: number;
  /** Index entries in group items. */
  readonly entries: number;
  /** `<group key> <entry>` of entries no stored post version names (stale). */
  readonly staleEntries: string[];
  /** `<post id> #<tag>` of entries a stored post names but no group item holds (missing). */
  readonly missingEntries: string[];
  /** Keys of group items without entries. */
  readonly emptyGroups: string[];
  /** Post items whose `stale` list is not empty (removals not yet confirmed). */
  readonly pendingStale: string[];
}

async function scanAll(client: DynamoDBClient, tableName: string): Promise<Record<string, unknown>[]> {
  const doc = DynamoDBDocumentClient.from(client);
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * Scans a posts table and compares the index with the post items: every entry must be named by
 * the stored version of its post (else stale), every hashtag a stored post names must have its
 * entry (else missing), and no group item may be empty.
 *
 * @example
 * ```ts
 * const audit = await auditPostsIndex(client, 'posts');
 * expect(audit.staleEntries).toEqual([]);
 * ```
 */
export async function auditPostsIndex(client: DynamoDBClient, tableName: string): Promise<PostsIndexAudit> {
  const items = await scanAll(client, tableName);
  const named = new Map<string, string>();
  const pendingStale: string[] = [];
  let posts = 0;
  for (const item of items) {
    const pk = String(item['pk']);
    if (!pk.startsWith('POST#')) continue;
    posts += 1;
    const postId = postIdOf(pk);
    const head = storedHead(item);
    if (head.stale.length > 0) pendingStale.push(postId);
    if (!head.idx) continue;
    const { t } = head.idx;
    entriesOf(head.idx, postId).forEach((location, i) =>
      named.set(`${keyString(location.key)} ${location.entry}`, `${postId} #${t[i] ?? '?'}`),
    );
  }
  const held = new Set<string>();
  const staleEntries: string[] = [];
  const emptyGroups: string[] = [];
  let entries = 0;
  for (const item of items) {
    const pk = String(item['pk']);
    if (!pk.startsWith(INDEX_PARTITION_PREFIX)) continue;
    const key = keyString({ pk, sk: String(item['sk']) });
    const set = item['e'] instanceof Set ? [...(item['e'] as Set<string>)] : [];
    if (set.length === 0) emptyGroups.push(key);
    for (const entry of set) {
      entries += 1;
      const id = `${key} ${entry}`;
      held.add(id);
      if (!named.has(id)) staleEntries.push(`${id} (post ${parseIndexEntry(entry).postId})`);
    }
  }
  const missingEntries = [...named].filter(([id]) => !held.has(id)).map(([, what]) => what);
  return { posts, entries, staleEntries, missingEntries, emptyGroups, pendingStale };
}
