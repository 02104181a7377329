// PutEvents through the SDK's own client: at most 10 entries a call, failed entries (and failed
// calls) sent again on their own until the bound, an outcome per alert in input order.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { TrendAlertDetail } from '@streamlens/alert-events';
import { EventBridgePublisher } from '../../src/event-publisher';

function detail(i: number): TrendAlertDetail {
  return {
    schemaVersion: 1,
    alertId: i.toString(16).padStart(32, '0'),
    kind: 'rising',
    hashtag: `tag${i}`,
    window: { start: '2026-12-05T10:00:00.000Z', end: '2026-12-05T10:00:30.000Z' },
    decidedAt: '2026-12-05T10:00:31.000Z',
    figures: { count: 60, baselineMean: 10, baselineSpread: 3.1623, zScore: 15.8114, ratio: 6 },
    rule: { zScore: 3, minCount: 20, minRatio: 2 },
    basis: { shards: ['s0'], baselineWindows: 5, complete: true },
  };
}

// A real client whose requests never leave: a middleware answers each PutEvents from a script.
function scriptedClient(answer: (ids: string[], call: number) => Array<string | null> | Error) {
  const client = new EventBridgeClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
  const calls: string[][] = [];
  client.middlewareStack.add(
    (_next, _context) => async (args) => {
      const input = (args.input as PutEventsCommand['input']).Entries ?? [];
      const ids = input.map((e) => (JSON.parse(e.Detail as string) as TrendAlertDetail).alertId);
      calls.push(ids);
      const result = answer(ids, calls.length);
      if (result instanceof Error) throw result;
      const entries = result.map((r) =>
        r === null ? { ErrorCode: 'InternalFailure', ErrorMessage: 'boom' } : { EventId: r },
      );
      return {
        output: { FailedEntryCount: entries.filter((e) => 'ErrorCode' in e).length, Entries: entries, $metadata: {} },
        response: {},
      };
    },
    { step: 'initialize', name: 'scripted-answer' },
  );
  return { client, calls };
}

const noSleep = { sleep: async () => undefined, random: () => 0.5 };

describe('EventBridgePublisher', () => {
  it('sends at most 10 entries a call and retries only the entries that failed', async () => {
    // prepare: the first call fails entries 2 and 7
    const { client, calls } = scriptedClient((ids, call) =>
      ids.map((id, i) => (call === 1 && (i === 2 || i === 7) ? null : `ev-${id}`)),
    );
    let retried = 0;
    const publisher = new EventBridgePublisher({
      client,
      eventBusName: 'bus',
      onRetry: (n) => (retried += n),
      ...noSleep,
    });
    const details = Array.from({ length: 12 }, (_, i) => detail(i));

    // act
    const outcomes = await publisher.publish(details);

    // assess
    expect(calls.map((c) => c.length)).toEqual([10, 2, 2]);
    expect(calls[2]).toEqual([details[2]?.alertId, details[7]?.alertId]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(outcomes.map((o) => o.alertId)).toEqual(details.map((d) => d.alertId));
    expect(retried).toBe(2);
  });

  it('gives a failed outcome with the last error once the attempts run out, and retries failed calls', async () => {
    const { client, calls } = scriptedClient((ids, call) =>
      call === 1 ? new Error('socket hang up') : ids.map(() => null),
    );
    const publisher = new EventBridgePublisher({ client, eventBusName: 'bus', maxAttempts: 3, ...noSleep });
    const [outcome] = await publisher.publish([detail(1)]);
    expect(calls).toHaveLength(3);
    expect(outcome).toEqual({ alertId: detail(1).alertId, ok: false, error: 'InternalFailure: boom' });
  });
});
