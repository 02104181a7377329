// Live status of the local stack: pure formatting of two consecutive snapshots.
import type { StackSnapshot } from './local-stack';

/** Everything the final summary reports. */
export interface RunSummary {
  readonly put: number;
  readonly validPut: number;
  readonly poisonPut: number;
  readonly producerFailed: number;
  readonly stored: number;
  readonly quarantined: number;
  readonly trendRows: number;
  readonly failedInvocations: number;
  readonly failureRecords: number;
  readonly maxIteratorAgeMs: number;
  /** Function errors injected by --function-errors (0 or absent: line omitted). */
  readonly injectedFunctionErrors?: number;
}

function sum<T>(items: readonly T[], f: (t: T) => number): number {
  return items.reduce((s, t) => s + f(t), 0);
}

/** The lines of one status block; rates per second over `intervalSec`. */
export function renderStatus(
  now: StackSnapshot,
  before: StackSnapshot | undefined,
  intervalSec: number,
  extra: { quarantined: number; elapsedSec: number },
): string[] {
  const rate = (a: number, b: number | undefined) => (b === undefined ? 0 : Math.max(0, a - b) / intervalSec);
  const lines = [`streamlens local · ${extra.elapsedSec.toFixed(0)} s`];
  if (now.load) {
    lines.push(
      `  producer   put ${now.load.put} (${rate(now.load.put, before?.load?.put).toFixed(0)}/s) · failed ${now.load.failed} · poison offered ${now.load.poisonPut}`,
    );
  }
  for (const m of now.mappings) {
    const prev = before?.mappings.find((p) => p.mappingId === m.mappingId);
    const delivered = sum(m.shards, (s) => s.recordsDelivered);
    const ages = m.shards
      .map(
        (s) => `${s.shardId.replace('shardId-', '')}:${s.iteratorAgeMs === undefined ? '-' : `${s.iteratorAgeMs}ms`}`,
      )
      .join(' ');
    lines.push(
      `  ${m.mappingId.split('-').pop()?.padEnd(10)} consumed ${delivered} (${rate(delivered, prev ? sum(prev.shards, (s) => s.recordsDelivered) : undefined).toFixed(0)}/s) · ` +
        `retries ${sum(m.shards, (s) => s.retries)} · failed invokes ${sum(m.shards, (s) => s.failedInvocations)} · iterator age ${ages}`,
    );
  }
  lines.push(`  quarantined ${extra.quarantined} (attempts) · on-failure records ${now.failureRecords}`);
  return lines;
}

/** The final summary, one line per figure. */
export function renderSummary(s: RunSummary): string {
  return [
    'summary',
    `  put            ${s.put} (${s.validPut} posts, ${s.poisonPut} poison; ${s.producerFailed} failed in the producer)`,
    `  stored         ${s.stored} posts`,
    `  quarantined    ${s.quarantined}`,
    `  trend rows     ${s.trendRows}`,
    `  failed         ${s.failedInvocations} failed invocations, ${s.failureRecords} on-failure records`,
    `  max iterator age ${s.maxIteratorAgeMs} ms`,
    ...(s.injectedFunctionErrors
      ? [`  injected       ${s.injectedFunctionErrors} function errors (--function-errors, --crash-on-key)`]
      : []),
  ].join('\n');
}
