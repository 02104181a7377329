// Aggregator flow: cold start → a trends repository that loads its AWS wiring on first use.
// Only a window's final invoke writes; the invokes that only fold records (most of them) never
// load the AWS SDK, which is most of the bundle's init time (docs/ARCHITECTURE.md "Build").
import type { TrendsRepository } from '@streamlens/repositories';

/**
 * A TrendsRepository that calls `load` on its first use and forwards to what it returns. A failed
 * load is not remembered: the next call (the retried invoke) loads again.
 *
 * @example
 * ```ts
 * const trends = lazyTrendsRepository(() => import('./trends-store').then((m) => m.makeTrendsStore(config)));
 * await trends.putWindow(row); // loads the SDK now, once
 * ```
 */
export function lazyTrendsRepository(load: () => Promise<TrendsRepository>): TrendsRepository {
  let loaded: Promise<TrendsRepository> | undefined;
  const repository = (): Promise<TrendsRepository> =>
    (loaded ??= load().catch((err: unknown) => {
      loaded = undefined;
      throw err;
    }));
  return {
    putWindow: async (row) => (await repository()).putWindow(row),
    queryWindows: async (from, to) => (await repository()).queryWindows(from, to),
  };
}
