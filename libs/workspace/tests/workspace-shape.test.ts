// The promises of the workspace itself: the design card's top level, one Nx version, the
// targets every project must have, and the two README commands that CI runs.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findRepoRoot } from '../src';

const root = findRepoRoot();
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const json = <T>(p: string) => JSON.parse(read(p)) as T;

interface ProjectJson {
  name: string;
  projectType: 'application' | 'library';
  tags: string[];
  targets: Record<string, { executor?: string; options?: Record<string, unknown> }>;
}

function projects(): Array<{ root: string; project: ProjectJson }> {
  const found: Array<{ root: string; project: ProjectJson }> = [];
  for (const group of ['apps', 'libs']) {
    for (const name of readdirSync(join(root, group))) {
      const file = join(group, name, 'project.json');
      if (existsSync(join(root, file))) found.push({ root: join(group, name), project: json<ProjectJson>(file) });
    }
  }
  found.push({ root: 'infra', project: json<ProjectJson>('infra/project.json') });
  return found;
}

describe('workspace shape', () => {
  it('has the top level of the design card', () => {
    for (const entry of [
      'apps',
      'libs',
      'infra',
      'nx.json',
      'package.json',
      'tsconfig.base.json',
      'Pulumi.yaml',
      'Pulumi.dev.yaml',
      'README.md',
      'docs/ARCHITECTURE.md',
      '.ci/run',
      '.github/workflows',
    ]) {
      expect(existsSync(join(root, entry))).toBe(true);
    }
    expect(parse(read('Pulumi.yaml'))).toMatchObject({
      name: 'streamlens',
      main: 'infra/',
      runtime: { name: 'nodejs' },
    });
  });

  it('pins nx and every @nx/* plugin to one exact version in the lock file', () => {
    const lock = json<{ packages: Record<string, { version: string }> }>('package-lock.json');
    const nxVersions = Object.entries(lock.packages)
      .filter(
        ([path]) =>
          /^node_modules\/(nx|@nx\/[^/]+)$/.test(path) &&
          !path.includes('nx-linux') &&
          !path.includes('nx-darwin') &&
          !path.includes('nx-win'),
      )
      .map(([path, pkg]) => `${path.replace('node_modules/', '')}@${pkg.version}`);
    expect(nxVersions.length).toBeGreaterThanOrEqual(6);
    expect(new Set(nxVersions.map((v) => v.split('@').pop()))).toEqual(
      new Set([json<{ devDependencies: Record<string, string> }>('package.json').devDependencies['nx']]),
    );
  });

  it('gives every project test, lint and typecheck, and every app an esbuild bundle in dist/apps/<name>', () => {
    for (const { root: projectRoot, project } of projects()) {
      for (const target of ['test', 'lint', 'typecheck']) {
        expect({ project: project.name, target, present: target in project.targets }).toEqual({
          project: project.name,
          target,
          present: true,
        });
      }
      if (project.projectType === 'application') {
        const build = project.targets['build'];
        expect(build?.executor).toBe('@nx/esbuild:esbuild');
        expect(build?.options).toMatchObject({
          outputPath: `dist/${projectRoot}`,
          thirdParty: true,
          bundle: true,
          platform: 'node',
        });
      }
    }
  });

  it('tags every project on the type axis used by the lint boundaries', () => {
    const allowed = ['type:app', 'type:domain', 'type:data-access', 'type:infra', 'type:tooling'];
    for (const { project } of projects()) {
      expect(project.tags.filter((t) => allowed.includes(t))).toHaveLength(1);
    }
  });

  it('exposes each lib through one @streamlens/<lib> alias to its src/index.ts', () => {
    const paths = json<{ compilerOptions: { paths: Record<string, string[]> } }>('tsconfig.base.json').compilerOptions
      .paths;
    for (const { root: projectRoot, project } of projects().filter((p) => p.root.startsWith('libs/'))) {
      expect(paths[`@streamlens/${project.name}`]).toEqual([`${projectRoot}/src/index.ts`]);
    }
  });

  it('has README commands for a fresh machine that CI runs verbatim', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
    const ci = read('.ci/run');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test\b/m);
    const scripts = json<{ scripts: Record<string, string> }>('package.json').scripts;
    expect(Object.keys(scripts)).toEqual(expect.arrayContaining(['start', 'test', 'bench']));
  });

  // (README's deploy commands against docs/DEPLOY.md: docs-agree.test.ts.)
  it('shows exactly two commands under "Two commands"', () => {
    // The first ```sh block after a heading, its command lines without comments.
    const block = (doc: string, heading: string) => {
      const after = doc.slice(doc.indexOf(heading));
      const body = /```sh\n([\s\S]*?)```/.exec(after)?.[1] ?? '';
      return body
        .split('\n')
        .map((l) => l.replace(/\s+#.*$/, '').trim())
        .filter(Boolean);
    };
    expect(block(read('README.md'), '## Two commands')).toEqual(['npm ci && npm start', 'npm test']);
  });

  it('keeps TypeScript strict', () => {
    const base = json<{ compilerOptions: Record<string, unknown> }>('tsconfig.base.json').compilerOptions;
    expect(base).toMatchObject({ strict: true, noUncheckedIndexedAccess: true });
  });
});
