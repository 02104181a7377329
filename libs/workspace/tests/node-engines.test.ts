// One supported Node.js range for the repository, and it must install cleanly: every package in
// the lock file that declares `engines.node` accepts every version of that range (else npm ci
// prints EBADENGINE, as it did for @pulumi/pulumi, which wants ≥ 22, while we said 20 was fine).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNTIMES } from '@streamlens/config';
import { minVersion, satisfies, subset, validRange } from 'semver';
import { findRepoRoot } from '../src';

const root = findRepoRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  optionalDependencies?: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};
const range = pkg.engines.node;

it('package.json states one valid Node.js range', () => {
  expect(validRange(range)).not.toBeNull();
});

it('every locked package accepts every Node.js version of that range (npm ci prints no EBADENGINE)', () => {
  const refusing = Object.entries(lock.packages).flatMap(([path, entry]) => {
    const wanted = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    if (!path || wanted === undefined || subset(range, wanted)) return [];
    return [`${path.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${wanted}`];
  });
  expect(refusing).toEqual([]);
});

it('the range starts at a Lambda runtime major and covers every allowed runtime', () => {
  for (const runtime of RUNTIMES) {
    const major = /^nodejs(\d+)\.x$/.exec(runtime)?.[1];
    expect([runtime, satisfies(`${major}.99.0`, range)]).toEqual([runtime, true]);
  }
  expect(`nodejs${minVersion(range)?.major}.x`).toBe(RUNTIMES[0]);
});

it('the Node.js binaries shipped for the local sandboxes are of the default runtime major and inside the range', () => {
  const binaries = Object.entries(pkg.optionalDependencies ?? {}).filter(([name]) =>
    /^node-(linux|darwin|win)-/.test(name),
  );
  expect(binaries.length).toBeGreaterThan(0);
  for (const [name, version] of binaries) {
    expect([name, `nodejs${version.split('.')[0]}.x`, satisfies(version, range)]).toEqual([name, RUNTIMES[0], true]);
  }
});
