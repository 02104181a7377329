// Whether a resource type takes tags, read from @pulumi/aws's own type definitions: the `Args`
// interface of `aws:<module>/<file>:<Class>` declares `tags?:` (so the test needs no list of ours).
import * as fs from 'node:fs';
import * as path from 'node:path';

const cache = new Map<string, boolean>();
const awsRoot = path.dirname(require.resolve('@pulumi/aws/package.json'));

/** True when the @pulumi/aws resource type accepts a `tags` input. */
export function isTaggable(type: string): boolean {
  const cached = cache.get(type);
  if (cached !== undefined) return cached;
  const match = /^aws:([^/]+)\/([^:]+):(\w+)$/.exec(type);
  let taggable = false;
  if (match) {
    const [, module, file, cls] = match as unknown as [string, string, string, string];
    const dts = path.join(awsRoot, module === 'index' ? '' : module, `${file}.d.ts`);
    const text = fs.existsSync(dts) ? fs.readFileSync(dts, 'utf8') : '';
    const start = text.indexOf(`export interface ${cls}Args {`);
    const end = start < 0 ? -1 : text.indexOf('\n}', start);
    taggable = start >= 0 && /\n\s+tags\?:/.test(text.slice(start, end));
  }
  cache.set(type, taggable);
  return taggable;
}
