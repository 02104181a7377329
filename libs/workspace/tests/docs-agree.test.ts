// README and docs/DEPLOY.md tell a newcomer the same thing: the Node.js range of package.json,
// and deploy commands that exist, in the same order.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minVersion } from 'semver';
import { findRepoRoot } from '../src';

const root = findRepoRoot();
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const readme = read('README.md');
const deploy = read('docs/DEPLOY.md');
const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;

/** `npx nx run <project>:<target>` commands in a text, in order. */
function nxRuns(text: string): string[] {
  return [...text.matchAll(/npx nx run ([\w-]+):([\w-]+)/g)].map((m) => `${m[1]}:${m[2]}`);
}

function projectJson(project: string): { targets?: Record<string, unknown> } | undefined {
  const file = [join('apps', project), join('libs', project), project]
    .map((dir) => join(root, dir, 'project.json'))
    .find((f) => existsSync(f));
  return file ? (JSON.parse(readFileSync(file, 'utf8')) as { targets?: Record<string, unknown> }) : undefined;
}

it('both state the Node.js range of package.json engines, and neither offers Node 20', () => {
  // ^22.13.0 || ^24.0.0 reads "Node.js 22 (≥ 22.13) or 24".
  const [first, ...others] = engines.split('||').map((r) => minVersion(r.trim()));
  const phrase = `Node.js ${first?.major} (≥ ${first?.major}.${first?.minor}) or ${others.map((v) => v?.major).join(' or ')}`;
  expect(phrase).toBe('Node.js 22 (≥ 22.13) or 24');
  const docs: [string, string][] = [
    ['README.md', readme],
    ['DEPLOY.md', deploy],
  ];
  for (const [doc, text] of docs) {
    expect([doc, text.includes(phrase)]).toEqual([doc, true]);
    expect([doc, /Node(\.js)? 20\b/.test(text)]).toEqual([doc, false]);
  }
});

it('every `npx nx run project:target` in either document exists', () => {
  for (const run of [...nxRuns(readme), ...nxRuns(deploy)]) {
    const [project, target] = run.split(':') as [string, string];
    expect([run, Object.keys(projectJson(project)?.targets ?? {}).includes(target)]).toEqual([run, true]);
  }
});

it('the README deploys with the commands of DEPLOY.md, in the same order', () => {
  const block = /## From a fresh clone to a deployed dev stack\n\n```sh\n([\s\S]*?)```/.exec(deploy)?.[1] ?? '';
  const fresh = block.split('\n').filter(Boolean);
  expect(fresh).toEqual(
    expect.arrayContaining(['npm ci', 'npx nx run infra:preview -- --stack dev', 'npx nx run infra:up -- --stack dev']),
  );
  const readmeDeploy = /## Deploy per environment[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const commands = readmeDeploy
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
  expect(commands.length).toBeGreaterThan(2);
  const positions = commands.map((c) => fresh.indexOf(c));
  expect(commands.filter((_, i) => positions[i] === -1)).toEqual([]);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
});
