// The chaos suite: one run of the whole pipeline under injected faults, crashes and emulator
// restarts, then a zero-loss check and the alerts check (real alerts, each published once).
// `npm test` runs the CI profile (20,000 records); `npm run test:chaos` the full one (100,000).
import { chaosProfileFromEnv } from './chaos-profile';
import { runChaos } from './chaos-run';

const profile = chaosProfileFromEnv(process.env['CHAOS_PROFILE']);

describe(`chaos (${profile.name} profile)`, () => {
  it(
    'loses nothing, stores nothing twice, quarantines exactly the poison and counts each post once per window',
    async () => {
      // act
      const report = await runChaos(profile, (line) => process.stdout.write(`${line}\n`));
      // assess
      process.stdout.write(`chaos figures: ${JSON.stringify(report.figures, null, 2)}\n`);
      expect(report.mismatches).toEqual([]);
      // The faults really happened (a run without them proves nothing).
      const f = report.figures['faults'] as {
        dynamoByKind: Record<string, number>;
        putRecordsFailedEntries: number;
        consumerFunctionErrors: number;
        consumerCrashes: number;
      };
      expect(f.dynamoByKind['error']).toBeGreaterThan(0);
      expect(f.dynamoByKind['unprocessedItems']).toBeGreaterThan(0);
      expect(f.dynamoByKind['timeout']).toBeGreaterThan(0);
      expect(f.putRecordsFailedEntries).toBeGreaterThan(0);
      expect(f.consumerFunctionErrors).toBeGreaterThan(0);
      // The crash record was given up to the on-failure destination and redriven from there.
      expect(f.consumerCrashes).toBeGreaterThan(0);
      expect(report.figures['onFailureBatches']).toBeGreaterThan(0);
      expect(report.figures['redrivenRecords']).toBeGreaterThan(0);
      expect(report.figures['restarts']).toEqual({ stackKills: 2, kinesalite: 1, dynalite: 1 });
      // Real alerts were called for — each scripted kind at least once — and published exactly once
      // per key (the mismatches above); zero expected against zero published proves nothing.
      const alerts = report.figures['alerts'] as { expectedByKind: Record<string, number>; distinctOnBus: number };
      expect(alerts.expectedByKind).toEqual({
        rising: expect.any(Number),
        'new-entrant': expect.any(Number),
        'sentiment-swing': expect.any(Number),
      });
      expect(alerts.distinctOnBus).toBeGreaterThanOrEqual(3);
    },
    profile.timeoutMs,
  );
});
