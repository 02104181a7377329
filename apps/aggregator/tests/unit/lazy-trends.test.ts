import { InMemoryTrendsRepository } from '@streamlens/repositories/testing';
import { lazyTrendsRepository } from '../../src/lazy-trends';

const FROM = new Date('2024-05-01T10:00:00Z');
const TO = new Date('2024-05-01T10:00:30Z');

it('loads nothing until first used, then loads once for every later call', async () => {
  // prepare
  const memory = new InMemoryTrendsRepository({ ttlDays: 7 });
  let loads = 0;
  const trends = lazyTrendsRepository(async () => {
    loads++;
    return memory;
  });
  expect(loads).toBe(0);
  // act
  const results = await Promise.all([trends.queryWindows(FROM, TO), trends.queryWindows(FROM, TO)]);
  await trends.queryWindows(FROM, TO);
  // assess
  expect(results).toEqual([[], []]);
  expect(loads).toBe(1);
});

it('forgets a failed load, so the retried invoke loads again', async () => {
  // prepare
  const memory = new InMemoryTrendsRepository({ ttlDays: 7 });
  const outcomes = [new Error('network down while loading'), memory];
  const trends = lazyTrendsRepository(async () => {
    const next = outcomes.shift();
    if (next instanceof Error) throw next;
    return next as InMemoryTrendsRepository;
  });
  // act + assess
  await expect(trends.queryWindows(FROM, TO)).rejects.toThrow('network down while loading');
  await expect(trends.queryWindows(FROM, TO)).resolves.toEqual([]);
  expect(outcomes).toHaveLength(0);
});
