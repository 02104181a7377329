// `<mapping dir>/redriven.json`: the requestIds already redriven, so a second run skips them
// unless --again (the writes are idempotent, so a double redrive is harmless but wasteful).
import { join } from 'node:path';
import { readJsonFile, writeJsonFileAtomic } from '@streamlens/event-source-mapping';
import { RedriveError } from './errors';

/** One redriven failure record. */
export interface RedrivenEntry {
  readonly requestId: string;
  readonly at: string;
  readonly replayed: number;
  readonly expired: boolean;
  readonly failed: number;
}

/** Path of the log in a mapping's directory. */
export function redrivenFile(mappingDir: string): string {
  return join(mappingDir, 'redriven.json');
}

/** Entries of the log (empty when absent). */
export async function loadRedriven(file: string): Promise<RedrivenEntry[]> {
  const raw = await readJsonFile(file);
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new RedriveError(`${file} must hold a JSON array of redriven entries`);
  return raw as RedrivenEntry[];
}

/** Rewrites the log atomically. */
export async function saveRedriven(file: string, entries: readonly RedrivenEntry[]): Promise<void> {
  await writeJsonFileAtomic(file, entries);
}
