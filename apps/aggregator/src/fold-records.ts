// Aggregator flow: event records → deaggregate → decode → (this file) fold into the window
// state, each post id once. Poison is counted in the state and skipped, never failed: it would
// block the shard. A record of an id already folded in this window part (a producer retry, a
// newer version of the post) is counted as a duplicate and skipped before its features are
// computed.
import { countDuplicates, countPoison, foldPost, isPostSeen, type WindowState } from '@streamlens/analytics';
import { deaggregate } from '@streamlens/kinesis';
import { decodePost, isPoisonRecordError } from '@streamlens/schemas';
import type { KinesisStreamRecord } from 'aws-lambda';
import { foldInputOf } from './post-features';

/** What one batch contributed to the state. */
export interface FoldTally {
  /** Posts folded (first record of their id in the window part). */
  folded: number;
  /** Records of an id already folded in this window part, skipped. */
  duplicates: number;
  /** Sequence number of the first duplicate, for the log line. */
  firstDuplicateSequenceNumber?: string;
  /** User records skipped as poison (a corrupt KPL aggregate counts once). */
  poison: number;
  /** Poison per reason code (e.g. NOT_JSON). */
  readonly poisonReasons: Record<string, number>;
  /** Sequence number of the first poison record, for the log line. */
  firstPoisonSequenceNumber?: string;
}

/**
 * Folds every post of `records` into `state` in place (KPL aggregates are split first), each
 * post id at most once per state: the first record of an id wins, later ones only count in
 * `duplicates`. Counts of distinct posts are order-independent, so re-processed records arriving
 * out of order fold the same (which version of an edited post is counted depends on order).
 * Errors that are not poison (bugs) are thrown: the invoke fails and Lambda retries the batch
 * with the previous state, so nothing is counted twice.
 *
 * @example
 * ```ts
 * const tally = foldRecords(state, event.Records); // { folded: 98, poison: 2, ... }
 * ```
 */
export function foldRecords(state: WindowState, records: readonly KinesisStreamRecord[]): FoldTally {
  const tally: FoldTally = {
    folded: 0,
    duplicates: 0,
    poison: 0,
    poisonReasons: Object.create(null) as Record<string, number>,
  };
  for (const record of records) {
    let users;
    try {
      users = deaggregate(record);
    } catch (err) {
      // A malformed record may have no `kinesis`: count it as poison, never fail the window on it.
      skip(tally, err, (record as Partial<KinesisStreamRecord> | null)?.kinesis?.sequenceNumber ?? '?');
      continue;
    }
    for (const user of users) {
      let post;
      try {
        post = decodePost(user.data);
      } catch (err) {
        skip(tally, err, user.sequenceNumber);
        continue;
      }
      if (isPostSeen(state, post.postId)) {
        tally.duplicates += 1;
        tally.firstDuplicateSequenceNumber ??= user.sequenceNumber;
        continue;
      }
      foldPost(state, foldInputOf(post, user.arrivedAt));
      tally.folded += 1;
    }
  }
  countPoison(state, tally.poison);
  countDuplicates(state, tally.duplicates);
  return tally;
}

function skip(tally: FoldTally, err: unknown, sequenceNumber: string): void {
  if (!isPoisonRecordError(err)) throw err;
  tally.poison += 1;
  tally.poisonReasons[err.reason] = (tally.poisonReasons[err.reason] ?? 0) + 1;
  tally.firstPoisonSequenceNumber ??= sequenceNumber;
}
