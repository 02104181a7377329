// JSON files written atomically: write a temp file in the same folder, then rename it over the
// target, so a crash leaves the old or the new content, never half of one.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EsmStoreError } from './errors';

let tmpSeq = 0;

/** Reads a JSON file; undefined when it does not exist. Throws EsmStoreError on bad JSON. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EsmStoreError(file, `cannot be read: ${(err as Error).message}`, { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new EsmStoreError(file, `is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}

/** Writes `value` as JSON to `file` atomically (creating the folder). */
export async function writeJsonFileAtomic(file: string, value: unknown): Promise<void> {
  const tmp = `${file}.${process.pid}.${++tmpSeq}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`, 'utf8');
    await rename(tmp, file);
  } catch (err) {
    throw new EsmStoreError(file, `cannot be written: ${(err as Error).message}`, { cause: err });
  }
}

/** Serialises async work: each call runs after the previous one settled. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
