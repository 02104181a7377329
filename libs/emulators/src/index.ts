export { LOCAL_CREDENTIALS, LOCAL_REGION, makeDynamoClient, makeKinesisClient } from './clients';
export { startDynalite, startKinesalite } from './emulator-server';
export type { EmulatorOptions, RunningEmulator } from './emulator-server';
export { EmulatorError, EmulatorPortError, EmulatorReadinessError } from './errors';
export { ensureStream, ensureTable, tableKeyDefinition } from './provision';
export { spawnEmulator } from './emulator-process';
export type { EmulatorProcess, EmulatorProcessOptions } from './emulator-process';
export { DYNALITE_ITERATOR_IDLE_MS } from './dynalite-iterator-guard';
