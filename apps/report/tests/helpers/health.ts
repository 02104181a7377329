// A pipeline-health source with fixed figures, for tests of the endpoint and the panel.
import type { PipelineHealthSource } from '../../src/api/pipeline-health';

/** Consumer up to date, aggregator 95 s behind, 3 quarantined, 1 batch waiting for a replay. */
export const TEST_HEALTH: PipelineHealthSource = {
  name: 'test source',
  read: async () => ({
    measuredAt: '2025-01-15T12:00:09.000Z',
    countedSince: '2025-01-15T11:00:00.000Z',
    functions: [
      { name: 'consumer', lagMs: 1200 },
      { name: 'aggregator', lagMs: 95_000 },
    ],
    quarantine: { total: 3, byReason: { 'not-json': 2, 'schema-violation': 1 } },
    onFailure: { consumer: 1, aggregator: 0 },
  }),
};
