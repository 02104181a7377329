// Public API of redrive: replay on-failure ranges of the local stack through the function.
export { RedriveError, RedriveUsageError } from './errors';
export { parseRedriveFlags, REDRIVE_USAGE } from './flags';
export type { RedriveFlags } from './flags';
export { readRange } from './read-range';
export type { RangeRead, RangeSpec } from './read-range';
export { payloadRecords, redriveBatch } from './redrive-batch';
export type { RedriveBatchOptions, RedriveReport } from './redrive-batch';
export { loadRedriven, redrivenFile, saveRedriven } from './redriven-log';
export type { RedrivenEntry } from './redriven-log';
export { REDRIVE_FUNCTIONS, runRedrive } from './run-redrive';
export type { RedriveFunction, RunRedriveOptions, RunRedriveResult } from './run-redrive';
