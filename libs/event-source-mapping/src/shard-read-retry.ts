// The retry loop around one GetRecords of any stream kind: an error the reader can fix at once
// (an expired iterator, a lost position) is retried straight away; throttling and service errors
// back off with the mapping's delays. Ends with undefined once the mapping stops.
import { sleep } from './async-tools';
import type { ShardReadContext } from './stream-source';

/** What a failed read attempt calls for. */
export type ReadErrorAction = 'retry-now' | 'back-off-throttled' | 'back-off';

/**
 * Runs `read` until it returns, retrying per `onError`; undefined when `o.signal` aborted.
 *
 * @example
 * ```ts
 * return retryRead(context, () => this.readOnce(limit), (err) =>
 *   err instanceof ExpiredIteratorException ? (this.dropIterator(), 'retry-now') : 'back-off');
 * ```
 */
export async function retryRead<T>(
  o: Pick<ShardReadContext, 'signal' | 'logger' | 'shardId' | 'errorBackoffMs'>,
  read: () => Promise<T | undefined>,
  onError: (err: unknown) => ReadErrorAction,
): Promise<T | undefined> {
  for (let attempt = 1; !o.signal.aborted; attempt++) {
    try {
      return await read();
    } catch (err) {
      if (o.signal.aborted) return undefined;
      const action = onError(err);
      if (action === 'retry-now') continue;
      o.logger[action === 'back-off-throttled' ? 'warn' : 'error']('GetRecords failed; backing off', {
        shardId: o.shardId,
        error: String(err),
        attempt,
      });
      await sleep(o.errorBackoffMs(attempt), o.signal);
    }
  }
  return undefined;
}
