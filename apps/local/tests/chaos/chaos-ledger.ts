// The ledger: every record the producer got a sequence number for, as the checks expect it.
import type { SocialPost } from '@streamlens/schemas';

/** Where a record is in the stream: shard/sequence[/sub]. */
export function recordKey(shardId: string, sequenceNumber: string, subSequenceNumber: number | undefined): string {
  return `${shardId}/${sequenceNumber}${subSequenceNumber === undefined ? '' : `/${subSequenceNumber}`}`;
}

/** Time of a post version (editedAt, else createdAt), epoch ms. */
export function versionTime(post: SocialPost): number {
  return Date.parse(post.editedAt ?? post.createdAt);
}

/** Acknowledged records of a chaos run. */
export class ChaosLedger {
  /** postId → newest acknowledged version time. */
  readonly newestVersion = new Map<string, number>();
  /** recordKey → poison reason expected in quarantine. */
  readonly poison = new Map<string, string>();
  acknowledged = 0;
  validRecords = 0;

  /** A valid post (or edit) of version `versionMs` (see {@link versionTime}) was acknowledged. */
  ackPost(postId: string, versionMs: number): void {
    this.acknowledged += 1;
    this.validRecords += 1;
    const known = this.newestVersion.get(postId);
    if (known === undefined || versionMs > known) this.newestVersion.set(postId, versionMs);
  }

  /** A poison record was acknowledged at `key` (see {@link recordKey}). */
  ackPoison(key: string, reason: string): void {
    this.acknowledged += 1;
    this.poison.set(key, reason);
  }
}
