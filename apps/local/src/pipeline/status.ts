// Live status and final summary of the local stack: pure formatting. One unit everywhere —
// posts (poison posts included) — with Kinesis records, mostly KPL aggregates of many posts, as
// a labelled second figure.
import type { StackSnapshot } from './local-stack';
import type { StreamLedger } from './stream-ledger';

/** Figures the status display adds to a snapshot. */
export interface StatusExtras {
  /** Poison the consumer quarantined so far (its own metric). */
  readonly quarantined: number;
  readonly elapsedSec: number;
}

/** Everything the final summary reports. */
export interface RunSummary {
  readonly elapsedSec: number;
  /** The data dir, when the stream and tables outlive this run. */
  readonly dataDir: string | undefined;
  /** This run's built-in load (absent with --no-load). */
  readonly load: { readonly put: number; readonly poisonPut: number; readonly failed: number } | undefined;
  /** Posts each function consumed this run. */
  readonly consumed: StackSnapshot['consumed'];
  readonly failedInvocations: number;
  /** The whole stream, accounted for (totals of the data dir). */
  readonly ledger: StreamLedger;
  /** Items in the tables (totals of the data dir). */
  readonly tables: { readonly posts: number; readonly quarantined: number; readonly trendRows: number };
  /** Batches on the on-failure destinations (totals of the data dir). */
  readonly failureRecords: number;
  readonly maxIteratorAgeMs: number;
  /** Function errors injected by --function-errors / --crash-on-key (0 or absent: line omitted). */
  readonly injectedFunctionErrors?: number;
}

/** 12,345 */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`;
}

/** "shardId-000000000003" → "shard 3". */
export function shardLabel(shardId: string): string {
  const n = /(\d+)$/.exec(shardId)?.[1];
  return n === undefined ? shardId : `shard ${Number(n)}`;
}

function sum<T>(items: readonly T[], f: (t: T) => number): number {
  return items.reduce((s, t) => s + f(t), 0);
}

function functionName(mappingId: string): string {
  return mappingId.split('-').pop() ?? mappingId;
}

// Lag = the mapping's iterator age: how far behind the newest record each shard's last batch was.
function lag(shards: StackSnapshot['mappings'][number]['shards']): string {
  if (shards.length <= 4)
    return shards.map((s) => `${seconds(s.iteratorAgeMs)} (${shardLabel(s.shardId)})`).join(' · ');
  const ages = shards.map((s) => s.iteratorAgeMs ?? 0);
  return `max ${seconds(Math.max(...ages))} over ${shards.length} shards`;
}

function rate(now: number, before: number | undefined, intervalSec: number): string {
  return before === undefined ? '–' : count(Math.max(0, now - before) / intervalSec);
}

/**
 * The status block for a terminal (redrawn in place): one line per part of the pipeline.
 *
 * @example
 * ```ts
 * renderStatus(snapshot, previous, 1, { quarantined: 3, elapsedSec: 12 });
 * ```
 */
export function renderStatus(
  now: StackSnapshot,
  before: StackSnapshot | undefined,
  intervalSec: number,
  extra: StatusExtras,
): string[] {
  const lines = [`streamlens local · ${extra.elapsedSec.toFixed(0)} s · Ctrl-C drains in-flight batches and exits`];
  if (now.load) {
    lines.push(
      `  producer    put ${count(now.load.put)} posts (${count(now.load.poisonPut)} of them poison) · ` +
        `${rate(now.load.put, before?.load?.put, intervalSec)} posts/s · ${count(now.load.failed)} failed`,
    );
  }
  for (const m of now.mappings) {
    const fn = functionName(m.mappingId);
    const c = now.consumed[fn] ?? { posts: 0, records: 0 };
    lines.push(
      `  ${fn.padEnd(10)}  consumed ${count(c.posts)} posts (in ${count(c.records)} Kinesis records) · ` +
        `${rate(c.posts, before?.consumed[fn]?.posts, intervalSec)} posts/s · lag ${lag(m.shards)}`,
    );
  }
  const failed = sum(now.mappings, (m) => sum(m.shards, (s) => s.failedInvocations));
  lines.push(
    `  problems    ${count(extra.quarantined)} poison posts quarantined (kept with their reason) · ` +
      `${count(now.failureRecords)} batches on the on-failure destination · ${count(failed)} failed invokes (retried)`,
  );
  return lines;
}

/**
 * One short line for a log file or pipe, printed every few seconds instead of a redrawn block.
 *
 * @example
 * ```ts
 * renderStatusLine(snapshot, { quarantined: 3, elapsedSec: 12 });
 * // "[12 s] put 2,400 posts · consumer 2,310 posts (240 records) · …"
 * ```
 */
export function renderStatusLine(now: StackSnapshot, extra: StatusExtras): string {
  const parts: string[] = [];
  if (now.load) parts.push(`put ${count(now.load.put)} posts`);
  for (const m of now.mappings) {
    const fn = functionName(m.mappingId);
    const c = now.consumed[fn] ?? { posts: 0, records: 0 };
    const maxLag = Math.max(0, ...m.shards.map((s) => s.iteratorAgeMs ?? 0));
    parts.push(`${fn} ${count(c.posts)} posts (${count(c.records)} records, lag ${seconds(maxLag)})`);
  }
  parts.push(`quarantined ${count(extra.quarantined)}`, `on-failure ${count(now.failureRecords)}`);
  return `[${extra.elapsedSec.toFixed(0)} s] ${parts.join(' · ')}`;
}

/** Fits each line to a terminal `columns` wide, so a redraw moves up exactly one row per line. */
export function fitToWidth(lines: readonly string[], columns: number): string[] {
  const width = Math.max(20, columns - 1);
  return lines.map((l) => ([...l].length > width ? `${[...l].slice(0, width - 1).join('')}…` : l));
}

function reasons(byReason: Readonly<Record<string, number>>): string {
  const entries = Object.entries(byReason).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? '' : ` (${entries.map(([r, n]) => `${r} ${count(n)}`).join(', ')})`;
}

/** Whether the stream's account matches what the tables hold. */
export function addsUp(s: RunSummary): boolean {
  const a = s.ledger.account;
  return a.unexplained === 0 && s.tables.posts === a.distinctStored && s.tables.quarantined === a.quarantined;
}

/**
 * The final summary: this run's figures, then every post of the stream accounted for
 *   in the stream = distinct stored + superseded + quarantined + on-failure + not yet consumed.
 *
 * @example
 * ```ts
 * console.log(renderSummary(summary));
 * ```
 */
export function renderSummary(s: RunSummary): string {
  const a = s.ledger.account;
  const total = s.dataDir ? 'total' : '';
  const put = s.load?.put ?? 0;
  const fromElsewhere = a.inStream - put;
  const width = count(a.inStream).length;
  const label = (name: string) => `  ${name.padEnd(13)}`;
  const term = (sign: string, n: number, what: string) => `${label('')}${sign} ${count(n).padStart(width)}  ${what}`;
  const lines = [
    s.dataDir
      ? `summary · this run ${s.elapsedSec.toFixed(0)} s · data dir ${s.dataDir} ("total" includes its earlier runs)`
      : `summary · this run ${s.elapsedSec.toFixed(0)} s · in memory`,
    s.load
      ? `${label('this run')}put ${count(s.load.put)} posts (${count(s.load.poisonPut)} of them poison) · ${count(s.load.failed)} failed in the producer`
      : `${label('this run')}no load (--no-load)`,
    ...Object.entries(s.consumed).map(
      ([fn, c]) => `${label('')}${fn} consumed ${count(c.posts)} posts (in ${count(c.records)} Kinesis records)`,
    ),
    `${label('')}${count(s.failedInvocations)} failed invokes (retried)`,
    `${label(total ? 'stream total' : 'stream')}${count(a.inStream)} posts` +
      (fromElsewhere === 0
        ? ', all put by this run'
        : `: ${count(put)} put by this run + ${count(fromElsewhere)} by earlier runs or other producers`),
    `  where they went${total ? ` (${total})` : ''}`,
    term(' ', a.distinctStored, 'distinct posts stored'),
    term('+', a.superseded, 'superseded versions (edits and re-sends: a stored post keeps its newest version)'),
    term('+', a.quarantined, `quarantined poison${reasons(s.ledger.quarantinedByReason)}`),
    term('+', a.onFailure, 'on the on-failure destination (replay them with redrive)'),
    term('+', a.notYetConsumed, "not yet consumed (after the consumer's checkpoints)"),
    ...(a.unexplained > 0 ? [term('+', a.unexplained, 'UNEXPLAINED: consumed, not a post, not quarantined')] : []),
    term('=', a.inStream, 'posts in the stream'),
    addsUp(s)
      ? `${label('check')}adds up: the posts table holds ${count(s.tables.posts)} posts, the quarantine ${count(s.tables.quarantined)} records`
      : `${label('check')}DOES NOT ADD UP: the posts table holds ${count(s.tables.posts)} posts (expected ${count(a.distinctStored)}), ` +
        `the quarantine ${count(s.tables.quarantined)} records (expected ${count(a.quarantined)})`,
    `${label(total ? 'trends total' : 'trends')}${count(s.tables.trendRows)} rows (one per window and shard; a window is written when it closes)`,
    `${label('on-failure')}${count(s.failureRecords)} batches${total ? ' (total)' : ''} · max lag at the end ${seconds(s.maxIteratorAgeMs)}`,
    ...(s.injectedFunctionErrors
      ? [`${label('injected')}${count(s.injectedFunctionErrors)} function errors (--function-errors, --crash-on-key)`]
      : []),
  ];
  return lines.join('\n');
}
