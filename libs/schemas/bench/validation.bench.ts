// Validation benchmark: the same 10,000 realistic records (1 in 10 invalid) through every
// candidate of competitors.ts; prints median ns/record over several runs.
// Run: npx tsx libs/schemas/bench/validation.bench.ts
import { makeDataset } from '../tests/helpers/post-factory';
import type { Candidate } from './competitors';
import { CANDIDATES } from './competitors';

const RECORDS = 10_000;
const INVALID_EVERY = 10;
const WARMUP_RUNS = 3;
const RUNS = 9;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function timeRun(candidate: Candidate, records: readonly unknown[]): { nsPerRecord: number; rejected: number } {
  let rejected = 0;
  const start = process.hrtime.bigint();
  for (const record of records) if (candidate.validate(record).length > 0) rejected += 1;
  const ns = Number(process.hrtime.bigint() - start);
  return { nsPerRecord: ns / records.length, rejected };
}

// Runs are interleaved (every candidate once per round), so load from other processes on a
// shared machine hits all candidates alike; the median of the rounds is reported.
function main(): void {
  const datasets = {
    mixed: makeDataset(RECORDS, INVALID_EVERY),
    valid: makeDataset(RECORDS, RECORDS + 1),
    invalid: makeDataset(RECORDS, 1),
  };
  const names = Object.keys(datasets) as (keyof typeof datasets)[];
  const samples = CANDIDATES.map(() => ({
    mixed: [] as number[],
    valid: [] as number[],
    invalid: [] as number[],
    rejected: 0,
  }));
  for (let round = 0; round < WARMUP_RUNS + RUNS; round += 1) {
    CANDIDATES.forEach((candidate, c) => {
      for (const name of names) {
        const run = timeRun(candidate, datasets[name]);
        const sample = samples[c];
        if (round < WARMUP_RUNS || sample === undefined) continue;
        sample[name].push(run.nsPerRecord);
        if (name === 'mixed') sample.rejected = run.rejected;
      }
    });
  }
  console.log(
    `node ${process.version}; ${RECORDS} records per set (mixed: 1 in ${INVALID_EVERY} invalid); median of ${RUNS} interleaved rounds after ${WARMUP_RUNS} warm-ups`,
  );
  console.log('candidate                   mixed ns/rec  valid ns/rec  invalid ns/rec  rejected (mixed)');
  CANDIDATES.forEach((candidate, c) => {
    const s = samples[c];
    if (s === undefined) return;
    console.log(
      `${candidate.name.padEnd(28)}${median(s.mixed).toFixed(0).padStart(12)}${median(s.valid).toFixed(0).padStart(14)}` +
        `${median(s.invalid).toFixed(0).padStart(16)}${String(s.rejected).padStart(18)}`,
    );
  });
  const sample = makeDataset(6, 1)[0];
  console.log('\nissues reported for one record with an empty author.handle:');
  for (const candidate of CANDIDATES) console.log(`  ${candidate.name}: ${candidate.validate(sample).join(' | ')}`);
}

main();
