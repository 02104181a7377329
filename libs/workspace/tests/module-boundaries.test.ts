// Proves the lint rules of docs/ARCHITECTURE.md bite: each fixture is linted as if it were a
// file of the named project, and must fail (or pass) with @nx/enforce-module-boundaries.
// ESLint runs as the real CLI in a child process (its flat config is ESM, which Jest's VM
// cannot import), reading the fixture from stdin under the path it pretends to have.
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { findRepoRoot } from '../src';

const root = findRepoRoot();

interface LintMessage {
  ruleId: string | null;
  message: string;
}

function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [
        join(root, 'node_modules/eslint/bin/eslint.js'),
        '--format',
        'json',
        '--stdin',
        '--stdin-filename',
        join(root, filePath),
      ],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout) => {
        // Exit code 1 means "lint errors found", which is what most cases expect.
        if (err && err.code !== 1) return reject(err);
        const [result] = JSON.parse(stdout) as Array<{ messages: LintMessage[] }>;
        resolve(
          (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message),
        );
      },
    );
    child.stdin?.end(code);
  });
}

const cases: Array<{ name: string; file: string; code: string; error: RegExp | null }> = [
  {
    name: 'a domain lib importing the AWS SDK',
    file: 'libs/schemas/src/fixture.ts',
    code: "import { KinesisClient } from '@aws-sdk/client-kinesis';\nexport const c = KinesisClient;\n",
    error: /"type:domain" is not allowed to import "@aws-sdk\/client-kinesis"/,
  },
  {
    name: 'a domain lib importing a data-access lib',
    // A domain lib the repositories do not use (their benchmark enriches posts with analytics, so
    // an import from analytics would be reported as a cycle before the tag rule).
    file: 'libs/alert-rules/src/fixture.ts',
    code: "import { TABLE_SPECS } from '@streamlens/tables';\nimport * as r from '@streamlens/repositories';\nexport const x = [TABLE_SPECS, r];\n",
    error: /"type:domain" can only depend on libs tagged with "type:domain"/,
  },
  {
    name: 'schemas (a leaf) importing another lib of ours',
    file: 'libs/schemas/src/fixture.ts',
    code: "import { TABLE_SPECS } from '@streamlens/tables';\nexport const x = TABLE_SPECS;\n",
    error: /"scope:leaf" cannot depend on any libs/,
  },
  {
    name: 'infra importing an app by relative path',
    file: 'infra/src/fixture.ts',
    code: "import { handler } from '../../apps/consumer/src/main';\nexport const h = handler;\n",
    error: /relative|Imports of apps are forbidden/i,
  },
  {
    name: 'infra importing a data-access lib',
    file: 'infra/src/fixture.ts',
    code: "import * as r from '@streamlens/repositories';\nexport const x = r;\n",
    error: /scope:infra-shared/,
  },
  {
    name: 'an app importing the tooling lib from production code',
    file: 'apps/consumer/src/fixture.ts',
    code: "import * as e from '@streamlens/emulators';\nexport const x = e;\n",
    error: /"type:app" can only depend on libs tagged with "type:domain", "type:data-access"/,
  },
  {
    name: 'an app test importing the tooling lib (allowed in tests)',
    file: 'apps/consumer/tests/fixture.test.ts',
    code: "import * as e from '@streamlens/emulators';\nexport const x = e;\n",
    error: null,
  },
  {
    name: 'infra importing the shared table specs (allowed)',
    file: 'infra/src/fixture.ts',
    code: "import { TABLE_SPECS } from '@streamlens/tables';\nexport const x = TABLE_SPECS;\n",
    error: null,
  },
];

describe('module boundaries', () => {
  // The Nx rule reads the cached project graph and silently skips itself without one, so the
  // graph is computed first (as `nx run <project>:lint` does).
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false' },
      stdio: 'ignore',
    });
  }, 120_000);

  it.each(cases)(
    '$name',
    async ({ file, code, error }) => {
      const errors = await boundaryErrors(file, code);
      if (error === null) {
        expect(errors).toEqual([]);
      } else {
        expect(errors.length).toBeGreaterThan(0);
        expect(errors.join('\n')).toMatch(error);
      }
    },
    60_000,
  );
});
