// Lambda's eventID is "<shardId>:<sequenceNumber>"; all records of a batch share the shard, so
// the last shard id is reused instead of slicing a new string per record.
import { InvalidEventRecordError } from './errors';

/** Extracts shard ids from eventIDs, remembering the last one. */
export class ShardIdReader {
  private last = '';

  /**
   * The shard id of an eventID.
   *
   * @throws InvalidEventRecordError when the eventID has no "<shardId>:" prefix.
   */
  of(eventID: string): string {
    const last = this.last;
    if (
      last.length > 0 &&
      eventID.length > last.length &&
      eventID.charCodeAt(last.length) === 58 &&
      eventID.startsWith(last)
    )
      return last;
    const colon = typeof eventID === 'string' ? eventID.indexOf(':') : -1;
    if (colon < 1)
      throw new InvalidEventRecordError(
        'eventID',
        `must look like "<shardId>:<sequenceNumber>", got ${JSON.stringify(eventID)}`,
      );
    this.last = eventID.slice(0, colon);
    return this.last;
  }
}
