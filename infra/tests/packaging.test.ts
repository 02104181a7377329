// What the Pulumi program needs at run time and what each function zip ships. The program runs
// under the Pulumi CLI from a plain `npm ci --omit=dev` install as well, so every package it
// loads must be a dependency; and one command must build the bundles and preview.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { FUNCTION_APPS } from '@streamlens/config';
import { REPO_ROOT } from './helpers/mocks';

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')) as T;
const pkg = readJson<{ dependencies: Record<string, string>; devDependencies: Record<string, string> }>('package.json');
const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] as string);

it('every package the program imports (through the workspace libs too) is a runtime dependency', async () => {
  const result = await build({
    entryPoints: [path.join(REPO_ROOT, 'infra/index.ts')],
    tsconfig: path.join(REPO_ROOT, 'infra/tsconfig.json'),
    bundle: true,
    write: false,
    platform: 'node',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
  });
  const imported = new Set(
    Object.values(result.metafile.inputs)
      .flatMap((input) => input.imports)
      .filter((i) => i.external && !i.path.startsWith('node:'))
      .map((i) => packageOf(i.path)),
  );
  expect([...imported].sort()).toEqual(expect.arrayContaining(['@pulumi/aws', '@pulumi/pulumi', 'yaml']));
  expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([]);
});

it('TypeScript is a runtime dependency: the Pulumi CLI compiles the program with it (else its vendored 3.8)', () => {
  expect(pkg.dependencies['typescript']).toBeDefined();
  expect(pkg.devDependencies['typescript']).toBeUndefined();
});

it('infra:preview and infra:up build every function bundle first (one command from a fresh clone)', () => {
  const project = readJson<{
    implicitDependencies: string[];
    targets: Record<string, { dependsOn?: string[]; options: { command: string } }>;
  }>('infra/project.json');
  expect([...project.implicitDependencies].sort()).toEqual([...new Set(Object.values(FUNCTION_APPS))].sort());
  for (const target of ['preview', 'up']) {
    expect(project.targets[target]?.dependsOn).toEqual(['^build']);
    expect(project.targets[target]?.options.command).toContain(`pulumi ${target}`);
  }
});

it.each([...new Set(Object.values(FUNCTION_APPS))])(
  '%s is built for the Lambda runtime with a mappings-only source map',
  (app) => {
    const options = readJson<{
      targets: {
        build: {
          options: {
            target: string;
            sourcemap: boolean;
            esbuildOptions?: Record<string, unknown>;
            esbuildConfig?: string;
          };
        };
      };
    }>(`apps/${app}/project.json`).targets.build.options;
    // esbuild options in project.json, or in a config file (the report's, for its browser-bundle plugin).
    const esbuild =
      options.esbuildOptions ??
      (require(path.join(REPO_ROOT, options.esbuildConfig as string)) as Record<string, unknown>);
    expect(options.target).toBe('node22');
    expect(options.sourcemap).toBe(true);
    expect(esbuild['sourcesContent']).toBe(false);
  },
);
