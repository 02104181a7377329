// Locates the repository root so workspace checks work from any working directory.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Walks up from `start` to the folder holding nx.json. Throws when there is none. */
export function findRepoRoot(start: string = __dirname): string {
  let dir = start;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${start}: not inside the StreamLens workspace`);
    dir = parent;
  }
  return dir;
}
