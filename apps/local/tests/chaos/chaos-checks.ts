// The chaos run's verdicts: pure comparisons of what was acknowledged with what was stored.
// Each returns the mismatches as sentences (empty = pass), with a few examples each.

const EXAMPLES = 5;

function examples(items: Iterable<string>): string {
  const all = [...items];
  return `${all.slice(0, EXAMPLES).join(', ')}${all.length > EXAMPLES ? `, … (${all.length} in all)` : ''}`;
}

/** A stored post item: its id and the version time it holds. */
export interface StoredPost {
  readonly postId: string;
  readonly versionMs: number;
}

/** Posts table = exactly the acknowledged valid ids, once each, each at its newest version. */
export function checkPosts(
  newest: ReadonlyMap<string, number>,
  stored: readonly StoredPost[],
  unsettled: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  const seen = new Map<string, number>();
  const repeated = new Set<string>();
  for (const s of stored) {
    if (seen.has(s.postId)) repeated.add(s.postId);
    seen.set(s.postId, s.versionMs);
  }
  const missing = [...newest.keys()].filter((id) => !seen.has(id));
  // A record the producer gave up on may or may not have reached the stream: it is neither expected nor forbidden.
  const extra = [...seen.keys()].filter((id) => !newest.has(id) && !unsettled.has(id));
  const stale = [...newest]
    .filter(([id, t]) => seen.has(id) && seen.get(id) !== t)
    .map(
      ([id, t]) =>
        `${id} (stored ${new Date(seen.get(id) as number).toISOString()}, newest ${new Date(t).toISOString()})`,
    );
  if (missing.length) out.push(`posts: ${missing.length} acknowledged posts are not stored: ${examples(missing)}`);
  if (extra.length) out.push(`posts: ${extra.length} stored posts were never acknowledged: ${examples(extra)}`);
  if (repeated.size) out.push(`posts: ${repeated.size} posts are stored more than once: ${examples(repeated)}`);
  if (stale.length)
    out.push(`posts: ${stale.length} posts are not at their newest acknowledged version: ${examples(stale)}`);
  return out;
}

/** A quarantined record: where it was and why. */
export interface QuarantinedEntry {
  readonly key: string;
  readonly reason: string;
}

/**
 * Quarantine = exactly the poison records, each once, each with the expected reason. A write the
 * producer saw fail may still have reached the stream (a timeout or a restart after the write), so
 * a quarantined record outside the ledger passes when its bytes and reason are those of a ledger
 * poison record (`contentHash`: recordKey → hash of the record's bytes, read back from the stream).
 */
export function checkQuarantine(
  expected: ReadonlyMap<string, string>,
  quarantined: readonly QuarantinedEntry[],
  contentHash: ReadonlyMap<string, string>,
): { mismatches: string[]; copies: number } {
  const out: string[] = [];
  const got = new Map<string, string>();
  const repeated = new Set<string>();
  for (const q of quarantined) {
    if (got.has(q.key)) repeated.add(q.key);
    got.set(q.key, q.reason);
  }
  const missing = [...expected.keys()].filter((k) => !got.has(k));
  // Bytes of each acknowledged poison record → the reasons expected for them.
  const reasonsByContent = new Map<string, Set<string>>();
  for (const [k, reason] of expected) {
    const hash = contentHash.get(k);
    if (hash === undefined) continue;
    let reasons = reasonsByContent.get(hash);
    if (!reasons) reasonsByContent.set(hash, (reasons = new Set()));
    reasons.add(reason);
  }
  const outside = [...got.keys()].filter((k) => !expected.has(k));
  // A copy passes only with the bytes and the reason of a ledger poison record.
  const isCopy = (k: string) => reasonsByContent.get(contentHash.get(k) ?? '')?.has(got.get(k) as string) === true;
  const extra = outside.filter((k) => !isCopy(k));
  const wrong = [...expected]
    .filter(([k, r]) => got.has(k) && got.get(k) !== r)
    .map(([k, r]) => `${k} (${got.get(k)}, expected ${r})`);
  if (missing.length)
    out.push(`quarantine: ${missing.length} poison records are not quarantined: ${examples(missing)}`);
  if (extra.length)
    out.push(
      `quarantine: ${extra.length} quarantined records are not acknowledged poison nor copies of it: ${examples(extra)}`,
    );
  if (repeated.size)
    out.push(`quarantine: ${repeated.size} records are quarantined more than once: ${examples(repeated)}`);
  if (wrong.length) out.push(`quarantine: ${wrong.length} records have the wrong reason: ${examples(wrong)}`);
  return { mismatches: out, copies: outside.length - extra.length };
}

/** Per-window trend totals (summed over shards and parts) = distinct valid posts arriving in the window. */
export function checkTrends(expected: ReadonlyMap<string, number>, actual: ReadonlyMap<string, number>): string[] {
  const windows = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  const wrong = windows
    .filter((w) => (expected.get(w) ?? 0) !== (actual.get(w) ?? 0))
    .map((w) => `${w}: counted ${actual.get(w) ?? 0}, expected ${expected.get(w) ?? 0}`);
  return wrong.length
    ? [`trends: ${wrong.length} of ${windows.length} windows have the wrong post count: ${examples(wrong)}`]
    : [];
}

/** Every mapping's checkpoint is at the last record of every shard, with no window left open. */
export function checkCaughtUp(
  lastSequence: ReadonlyMap<string, string>,
  checkpoints: Readonly<Record<string, Readonly<Record<string, { sequenceNumber?: string; window?: unknown }>>>>,
): string[] {
  const out: string[] = [];
  for (const [mapping, shards] of Object.entries(checkpoints)) {
    for (const [shardId, last] of lastSequence) {
      const cp = shards[shardId];
      if (cp?.sequenceNumber !== last)
        out.push(
          `caught up: ${mapping} ${shardId} is at ${cp?.sequenceNumber ?? 'no checkpoint'}, the shard ends at ${last}`,
        );
      else if (cp.window !== undefined) out.push(`caught up: ${mapping} ${shardId} still holds an open window`);
    }
  }
  return out;
}

/** Every on-failure record was redriven. */
export function checkRedriven(failureRequestIds: readonly string[], redriven: ReadonlySet<string>): string[] {
  const left = failureRequestIds.filter((id) => !redriven.has(id));
  return left.length
    ? [`redrive: ${left.length} of ${failureRequestIds.length} on-failure batches were not redriven: ${examples(left)}`]
    : [];
}
