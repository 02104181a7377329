// Cold-start benchmark, build half: each function's bundle built the way `nx build` builds it
// (options read from its project.json, as @nx/esbuild maps them), and alternatives derived from
// those options, so the benchmark compares what ships against named changes of it in one run.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

/** The Nx esbuild executor options the function builds use. */
interface NxEsbuildOptions {
  readonly main: string;
  readonly tsConfig: string;
  readonly platform: 'node';
  readonly target: string;
  readonly bundle: boolean;
  readonly minify?: boolean;
  readonly sourcemap?: boolean;
  readonly external?: readonly string[];
  readonly esbuildOptions?: BuildOptions;
  readonly esbuildConfig?: string;
}

/** A way of building a function bundle, named for the report. */
export interface BundleVariant {
  readonly name: string;
  readonly description: string;
  /** Packages left out of the bundle and loaded from node_modules at run time (NODE_PATH). */
  readonly external: readonly string[];
  /** Turns the shipped esbuild options into this variant's. */
  readonly derive: (shipped: BuildOptions) => BuildOptions;
}

/** Packages the Lambda Node.js runtime provides (the AWS SDK v3 and the Smithy packages it is built on). */
export const RUNTIME_PROVIDED = ['@aws-sdk/*', '@smithy/*', '@aws-crypto/*', '@aws/*'] as const;

/** What ships, and the alternatives it is compared with. */
export const BUNDLE_VARIANTS: readonly BundleVariant[] = [
  {
    name: 'shipped',
    description: 'the project.json build options (what `nx build` ships)',
    external: [],
    derive: (o) => o,
  },
  {
    name: 'sdk-external',
    description:
      'shipped, with the AWS SDK left external and loaded from node_modules as the Lambda runtime provides it',
    external: RUNTIME_PROVIDED,
    derive: (o) => ({ ...o, external: [...(o.external ?? []), ...RUNTIME_PROVIDED] }),
  },
  {
    name: 'plain',
    description:
      'esbuild defaults: CommonJS builds of npm packages first ("main"), not minified (the build before #21)',
    external: [],
    derive: ({ mainFields: _m, alias: _a, ...o }) => ({ ...o, minify: false }),
  },
];

/** Size and place of a built variant. */
export interface BuiltBundle {
  readonly app: string;
  readonly variant: string;
  readonly path: string;
  readonly bytes: number;
  readonly mapBytes: number;
}

/**
 * The esbuild options `nx run <app>:build` uses for the app's main bundle, read from its project.json
 * (and esbuildConfig file), writing `main.cjs` to `outdir`.
 *
 * @example
 * ```ts
 * const options = shippedBuildOptions('/repo', 'consumer', '/tmp/coldstart/consumer/shipped');
 * ```
 */
export function shippedBuildOptions(root: string, app: string, outdir: string): BuildOptions {
  const project = JSON.parse(readFileSync(join(root, 'apps', app, 'project.json'), 'utf8')) as {
    targets: { build: { options: NxEsbuildOptions } };
  };
  const nx = project.targets.build.options;
  // The Nx esbuildConfig file is CommonJS.
  const user = nx.esbuildConfig ? (require(join(root, nx.esbuildConfig)) as BuildOptions) : (nx.esbuildOptions ?? {});
  // The mapping of @nx/esbuild's buildEsbuildOptions for a bundled single entry point.
  return {
    ...user,
    absWorkingDir: root,
    entryPoints: [join(root, nx.main)],
    bundle: nx.bundle,
    external: [...(user.external ?? []), ...(nx.external ?? [])],
    minify: nx.minify ?? false,
    platform: nx.platform,
    target: nx.target,
    tsconfig: join(root, nx.tsConfig),
    sourcemap: nx.sourcemap ?? user.sourcemap ?? false,
    format: 'cjs',
    outfile: join(outdir, 'main.cjs'),
    logLevel: 'error',
  };
}

/** Builds one variant of an app's bundle under `dir/<app>/<variant>/main.cjs`. */
export async function buildVariant(
  root: string,
  dir: string,
  app: string,
  variant: BundleVariant,
): Promise<BuiltBundle> {
  const outdir = join(dir, app, variant.name);
  const options = variant.derive(shippedBuildOptions(root, app, outdir));
  await build(options);
  const path = join(outdir, 'main.cjs');
  const map = `${path}.map`;
  return {
    app,
    variant: variant.name,
    path,
    bytes: statSync(path).size,
    mapBytes: options.sourcemap ? statSync(map).size : 0,
  };
}

/**
 * Reference handlers that only build an AWS client or load one library the functions load at
 * cold start, to price each piece on its own.
 */
export const CLIENT_REFERENCES = {
  'sdk-dynamodb': 'apps/local/bench/coldstart-clients/sdk-dynamodb.ts',
  'sdk-kinesis': 'apps/local/bench/coldstart-clients/sdk-kinesis.ts',
  'aws-lite-dynamodb': 'apps/local/bench/coldstart-clients/aws-lite-dynamodb.ts',
  'twitter-text': 'apps/local/bench/coldstart-clients/twitter-text.ts',
  sentiment: 'apps/local/bench/coldstart-clients/sentiment.ts',
  powertools: 'apps/local/bench/coldstart-clients/powertools.ts',
} as const;

/**
 * Builds a client reference with the consumer's shipped options under `dir/clients/<name>/main.cjs`.
 *
 * @example
 * ```ts
 * const b = await buildClientReference('/repo', '/tmp/coldstart', 'sdk-dynamodb');
 * ```
 */
export async function buildClientReference(
  root: string,
  dir: string,
  name: keyof typeof CLIENT_REFERENCES,
): Promise<BuiltBundle> {
  const outdir = join(dir, 'clients', name);
  const options = {
    ...shippedBuildOptions(root, 'consumer', outdir),
    entryPoints: [join(root, CLIENT_REFERENCES[name])],
  };
  await build(options);
  const path = join(outdir, 'main.cjs');
  return { app: 'client', variant: name, path, bytes: statSync(path).size, mapBytes: statSync(`${path}.map`).size };
}
