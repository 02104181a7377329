// Version order of posts: "newer wins". Internal to the repositories until libs/schemas'
// postVersionKey lands; the stored format must stay identical when switching to it.
import type { EnrichedPost } from '@streamlens/schemas';
import { InvalidRecordError } from './errors';
import { isSequenceNumber, padNumber, SEQUENCE_NUMBER_WIDTH } from './item-key';
import { fixedIso } from './time-keys';

/**
 * The comparable version of a stored post: `<editedAt ?? createdAt as fixed-width UTC ISO>#<Kinesis
 * sequence number zero-padded to 129 digits>`. Plain string comparison orders versions: a later
 * edit wins; for the same instant the later stream position wins (ties are the same record).
 *
 * @example
 * ```ts
 * repositoryPostVersionKey(e); // "2025-01-15T12:00:00.000Z#000…0042"
 * ```
 */
export function repositoryPostVersionKey(e: EnrichedPost): string {
  const id = e.post.postId;
  const field = e.post.editedAt !== undefined ? 'post.editedAt' : 'post.createdAt';
  const iso = fixedIso(e.post.editedAt ?? e.post.createdAt, id, field);
  if (!isSequenceNumber(e.lineage.sequenceNumber)) {
    throw new InvalidRecordError(
      id,
      'lineage.sequenceNumber',
      `must be 1–129 decimal digits, got "${String(e.lineage.sequenceNumber)}"`,
    );
  }
  return `${iso}#${padNumber(e.lineage.sequenceNumber, SEQUENCE_NUMBER_WIDTH)}`;
}
