// Local stack, report side: serves what the stack measures itself (iterator age per mapping, the
// consumer's quarantine metrics, on-failure records) as the report function's pipeline-health
// source (PIPELINE_HEALTH_URL). In AWS the same figures come from CloudWatch and the queues.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MappingStats } from '@streamlens/event-source-mapping';

/** The figures, in the shape the report's pipeline-health source reads. */
export interface LocalHealthFigures {
  readonly measuredAt: string;
  readonly countedSince: string;
  readonly functions: readonly { readonly name: string; readonly lagMs: number | null }[];
  readonly quarantine: { readonly total: number; readonly byReason: Readonly<Record<string, number>> };
  readonly onFailure: Readonly<Record<string, number>>;
}

/** What the figures are made of. */
export interface HealthInputs {
  readonly mappings: readonly MappingStats[];
  /** The consumer's EMF metric totals (Quarantined, Quarantined.<reason>, …). */
  readonly consumerMetrics: ReadonlyMap<string, number>;
  /** On-failure records per function. */
  readonly onFailure: Readonly<Record<string, number>>;
  readonly startedAt: number;
  readonly now: number;
}

const QUARANTINED = 'Quarantined';

/**
 * Builds the figures: lag = the largest iterator age over a mapping's shards.
 *
 * @example
 * ```ts
 * healthFigures({ mappings, consumerMetrics, onFailure: { consumer: 0 }, startedAt, now: Date.now() });
 * ```
 */
export function healthFigures(i: HealthInputs): LocalHealthFigures {
  const byReason: Record<string, number> = {};
  for (const [name, value] of i.consumerMetrics)
    if (name.startsWith(`${QUARANTINED}.`)) byReason[name.slice(QUARANTINED.length + 1)] = value;
  return {
    measuredAt: new Date(i.now).toISOString(),
    countedSince: new Date(i.startedAt).toISOString(),
    functions: i.mappings.map((m) => {
      const ages = m.shards.map((s) => s.iteratorAgeMs).filter((a): a is number => a !== undefined);
      return { name: m.mappingId.split('-').pop() ?? m.mappingId, lagMs: ages.length ? Math.max(...ages) : null };
    }),
    quarantine: { total: i.consumerMetrics.get(QUARANTINED) ?? 0, byReason },
    onFailure: { ...i.onFailure },
  };
}

/** A running health server. */
export interface HealthServer {
  /** http://127.0.0.1:<port>/pipeline-health */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `read()` as JSON on a free loopback port.
 *
 * @example
 * ```ts
 * const health = await startHealthServer(async () => healthFigures(inputs()));
 * ```
 */
export async function startHealthServer(read: () => Promise<LocalHealthFigures>): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    if (req.url !== '/pipeline-health') return void res.writeHead(404).end();
    read().then(
      (figures) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(figures)),
      (err: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err)),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/pipeline-health`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
