// Report flow, API: the pipeline-health panel — lag per function, poison quarantined and why,
// batches on the on-failure destinations, and when it was measured. The report reads these from
// a source the deployment provides (a port): locally the stack serves what it measures itself.

/** Lag of one stream-consuming function. */
export interface FunctionLag {
  /** Function role: "consumer" or "aggregator". */
  readonly name: string;
  /** Iterator age: how far behind the newest record its latest batch was, ms; null before any batch. */
  readonly lagMs: number | null;
}

/** What a source measured. */
export interface PipelineHealthFigures {
  /** When the figures were measured (ISO 8601). */
  readonly measuredAt: string;
  /** Since when quarantined records are counted (ISO 8601). */
  readonly countedSince: string;
  readonly functions: readonly FunctionLag[];
  /** Poison records quarantined (kept with their payload and reason). */
  readonly quarantine: { readonly total: number; readonly byReason: Readonly<Record<string, number>> };
  /** Batches on each function's on-failure destination, waiting for a redrive. */
  readonly onFailure: Readonly<Record<string, number>>;
}

/** The /api/v1/pipeline answer. */
export interface PipelineHealth extends PipelineHealthFigures {
  readonly generatedAt: string;
  /** Where the figures come from. */
  readonly source: string;
}

/** Where the report reads pipeline health from. */
export interface PipelineHealthSource {
  /** Short name shown with the figures, e.g. "local stack". */
  readonly name: string;
  read(): Promise<PipelineHealthFigures>;
}

/** A source answered something that is not pipeline-health figures. */
export class PipelineHealthSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PipelineHealthSourceError';
  }
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isCounts = (v: unknown): v is Record<string, number> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isCount);
const isIso = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/**
 * Checks what a source answered; throws PipelineHealthSourceError naming the first bad field.
 *
 * @example
 * ```ts
 * const figures = parseHealthFigures(await response.json());
 * ```
 */
export function parseHealthFigures(raw: unknown): PipelineHealthFigures {
  const o = raw as Record<string, unknown> | null;
  const bad = (field: string) => new PipelineHealthSourceError(`pipeline-health source: bad or missing ${field}`);
  if (typeof o !== 'object' || o === null) throw bad('document');
  if (!isIso(o['measuredAt'])) throw bad('measuredAt');
  if (!isIso(o['countedSince'])) throw bad('countedSince');
  const fns = o['functions'];
  if (!Array.isArray(fns)) throw bad('functions');
  const functions = fns.map((f: { name?: unknown; lagMs?: unknown }, i) => {
    if (typeof f?.name !== 'string' || !(f.lagMs === null || (typeof f.lagMs === 'number' && f.lagMs >= 0)))
      throw bad(`functions[${i}]`);
    return { name: f.name, lagMs: f.lagMs };
  });
  const q = o['quarantine'] as { total?: unknown; byReason?: unknown } | undefined;
  if (!isCount(q?.total) || !isCounts(q?.byReason)) throw bad('quarantine');
  if (!isCounts(o['onFailure'])) throw bad('onFailure');
  return {
    measuredAt: o['measuredAt'],
    countedSince: o['countedSince'],
    functions,
    quarantine: { total: q.total, byReason: { ...q.byReason } },
    onFailure: { ...o['onFailure'] },
  };
}

/**
 * Reads the figures over HTTP (the local stack serves them; PIPELINE_HEALTH_URL).
 *
 * @example
 * ```ts
 * const source = httpHealthSource('http://127.0.0.1:40123/pipeline-health');
 * ```
 */
export function httpHealthSource(url: string, timeoutMs = 3000): PipelineHealthSource {
  return {
    name: 'local stack',
    async read() {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) throw new PipelineHealthSourceError(`pipeline-health source answered HTTP ${res.status}`);
      return parseHealthFigures(await res.json());
    },
  };
}
