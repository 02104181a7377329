// Local stack, emulator step: kinesalite and dynalite (or DynamoDB Local) each in a process of
// its own, or endpoints already running elsewhere (which the stack then neither starts nor stops).
import { join } from 'node:path';
import { spawnDynamoDbLocal, spawnEmulator } from '@streamlens/emulators';
import type { DynamoDbEmulator, LocalStackFlags } from '../cli/flags';

/** An emulator endpoint the stack uses, and how to let go of it. */
export interface EmulatorHandle {
  readonly endpoint: string;
  close(): Promise<void>;
}

/** Options of one emulator. */
interface EmulatorOptions {
  readonly name: 'kinesalite' | DynamoDbEmulator;
  /** An endpoint already running elsewhere: used, neither started nor stopped. */
  readonly external: string | undefined;
  readonly port: number;
  readonly dataDir: string | undefined;
}

// Each emulator runs in its own process (one event loop each: docs/ARCHITECTURE.md) unless an
// external endpoint is given, which the stack then neither starts nor stops.
async function startEmulator(o: EmulatorOptions): Promise<EmulatorHandle> {
  if (o.external) return { endpoint: o.external, close: async () => undefined };
  const options = { port: o.port, ...(o.dataDir ? { dataDir: o.dataDir } : {}) };
  // AWS's DynamoDB Local (Java) instead of dynalite: JavaMissingError says what to install.
  if (o.name === 'dynamodb-local') return spawnDynamoDbLocal(options);
  return spawnEmulator(o.name, options);
}

// Each DynamoDB emulator keeps its own files (LevelDB for dynalite, SQLite for DynamoDB Local).
const DYNAMODB_DATA_DIRS: Readonly<Record<DynamoDbEmulator, string>> = {
  dynalite: 'dynamodb',
  'dynamodb-local': 'dynamodb-local',
};

/** Step: the two emulators (or the external endpoints), both or neither. */
export async function startEmulators(
  flags: LocalStackFlags,
): Promise<{ kinesis: EmulatorHandle; dynamo: EmulatorHandle }> {
  const dir = (sub: string) => (flags.dataDir ? join(flags.dataDir, sub) : undefined);
  const [kinesis, dynamo] = await Promise.allSettled([
    startEmulator({
      name: 'kinesalite',
      external: flags.external.kinesis,
      port: flags.ports.kinesis,
      dataDir: dir('kinesis'),
    }),
    startEmulator({
      name: flags.dynamodb,
      external: flags.external.dynamodb,
      port: flags.ports.dynamodb,
      dataDir: dir(DYNAMODB_DATA_DIRS[flags.dynamodb]),
    }),
  ]);
  if (kinesis.status === 'fulfilled' && dynamo.status === 'fulfilled')
    return { kinesis: kinesis.value, dynamo: dynamo.value };
  for (const started of [kinesis, dynamo]) if (started.status === 'fulfilled') await started.value.close();
  throw (kinesis.status === 'rejected' ? kinesis.reason : (dynamo as PromiseRejectedResult).reason) as Error;
}
