// dynalite answers a Query or Scan page from a LevelDB iterator and, when the page ends before
// the data does (Limit or the 1 MB page size), never closes it. Every open iterator pins a
// snapshot: LevelDB can no longer delete compacted files and the in-memory store keeps old trees,
// so disk and memory grow without bound while writes go on. Seen in the chaos suite (100,000
// posts: 11 GB of table files for ~40 MB of items, dynalite at 10 GB RSS and 90 % CPU) and
// reproduced with paginated scans alone (docs/ARCHITECTURE.md "Emulator processes").
//
// The guard closes an iterator nobody has read for a while; dynalite reads an iterator
// continuously while it builds a page, so an idle one belongs to a page answered long ago. It is
// JavaScript source because it runs inside the emulator's child process (`node -e`).

/** Default idle time after which an unread dynalite iterator is closed, ms. */
export const DYNALITE_ITERATOR_IDLE_MS = 10_000;

/**
 * Source of `guardDynaliteIterators(dynalitePath, idleMs)`: patches the store classes dynalite
 * loads (`level` for a data dir, `memory-level` in memory) so each iterator closes itself after
 * `idleMs` without a read. `idleMs` 0 leaves dynalite untouched.
 */
export const DYNALITE_ITERATOR_GUARD = `
function guardDynaliteIterators(dynalitePath, idleMs) {
  if (!(idleMs > 0)) return;
  const requireFromDynalite = require('node:module').createRequire(dynalitePath);
  const stores = [];
  for (const [pkg, name] of [['level', 'Level'], ['memory-level', 'MemoryLevel']]) {
    try { stores.push(requireFromDynalite(pkg)[name]); } catch { /* that store is not installed */ }
  }
  for (const Store of stores) {
    for (const method of ['keys', 'values', 'iterator']) {
      const original = Store.prototype[method];
      if (typeof original !== 'function' || original.streamlensGuarded) continue;
      const guarded = function (...args) {
        const it = original.apply(this, args);
        let timer;
        const arm = () => {
          clearTimeout(timer);
          timer = setTimeout(() => { it.close().catch(() => undefined); }, idleMs);
          timer.unref();
        };
        // Every read method pauses the idle clock while it runs and restarts it when it settles.
        for (const read of ['next', 'nextv', 'all']) {
          const original = it[read];
          if (typeof original !== 'function') continue;
          it[read] = function (...a) {
            clearTimeout(timer);
            const pending = original.apply(this, a);
            pending.then(arm, arm);
            return pending;
          };
        }
        const close = it.close;
        it.close = function (...a) {
          clearTimeout(timer);
          return close.apply(this, a);
        };
        arm();
        return it;
      };
      guarded.streamlensGuarded = true;
      Store.prototype[method] = guarded;
    }
  }
}
`;
