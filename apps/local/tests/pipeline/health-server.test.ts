// The pipeline-health figures the local stack serves to the report function.
import type { MappingStats, ShardStats } from '@streamlens/event-source-mapping';
import { healthFigures, startHealthServer } from '../../src/pipeline/health-server';

const shard = (id: string, iteratorAgeMs: number | undefined) => ({ shardId: id, iteratorAgeMs }) as ShardStats;
const mappings: MappingStats[] = [
  { mappingId: 'streamlens-dev-consumer', running: true, shards: [shard('s0', 800), shard('s1', 1500)] },
  { mappingId: 'streamlens-dev-aggregator', running: true, shards: [shard('s0', undefined)] },
];

describe('healthFigures', () => {
  it('gives each function its largest shard lag and the quarantine by reason', () => {
    const figures = healthFigures({
      mappings,
      consumerMetrics: new Map([
        ['Quarantined', 5],
        ['Quarantined.not-json', 3],
        ['Quarantined.too-large', 2],
        ['PostsWritten', 100],
      ]),
      onFailure: { consumer: 1, aggregator: 0 },
      startedAt: Date.parse('2025-01-15T12:00:00Z'),
      now: Date.parse('2025-01-15T12:05:00Z'),
    });
    expect(figures).toEqual({
      measuredAt: '2025-01-15T12:05:00.000Z',
      countedSince: '2025-01-15T12:00:00.000Z',
      functions: [
        { name: 'consumer', lagMs: 1500 },
        { name: 'aggregator', lagMs: null },
      ],
      quarantine: { total: 5, byReason: { 'not-json': 3, 'too-large': 2 } },
      onFailure: { consumer: 1, aggregator: 0 },
    });
  });
});

describe('startHealthServer', () => {
  it('serves the figures as JSON at /pipeline-health and nothing else', async () => {
    const server = await startHealthServer(async () =>
      healthFigures({ mappings, consumerMetrics: new Map(), onFailure: {}, startedAt: 0, now: 0 }),
    );
    try {
      const res = await fetch(server.url);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { functions: unknown[] }).functions).toHaveLength(2);
      expect((await fetch(server.url.replace('/pipeline-health', '/other'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
