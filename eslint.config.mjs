// Workspace lint: TypeScript rules plus Nx module boundaries.
// The dependency rules of docs/ARCHITECTURE.md are enforced here, on two tag axes:
//   type:  app | domain | data-access | infra | tooling
//   scope: leaf (depends on nothing of ours) | infra-shared (infra may import it)
import nx from '@nx/eslint-plugin';

/** Packages a pure domain lib must never import: it stays free of AWS wiring. */
const AWS_WIRING = ['@aws-sdk/*', '@smithy/*', '@pulumi/*', '@aws-lambda-powertools/*', 'aws-kinesis-agg'];

/**
 * Builds the depConstraints. Test files (and benchmarks) may additionally use the
 * tooling lib (emulator harness, record factories); production sources may not.
 */
function constraints(extra) {
  const allow = (tags) => [...tags, ...extra];
  return [
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: allow(['type:domain', 'type:data-access']) },
    { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: allow(['type:domain', 'type:data-access']) },
    {
      sourceTag: 'type:domain',
      onlyDependOnLibsWithTags: allow(['type:domain']),
      bannedExternalImports: AWS_WIRING,
    },
    {
      sourceTag: 'type:infra',
      onlyDependOnLibsWithTags: allow(['scope:infra-shared']),
      bannedExternalImports: ['@aws-sdk/*', '@smithy/*', '@aws-lambda-powertools/*', 'aws-kinesis-agg'],
    },
    { sourceTag: 'scope:leaf', onlyDependOnLibsWithTags: allow([]) },
    { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['*'] },
  ];
}

const TEST_FILES = ['**/*.test.ts', '**/tests/**/*.ts', '**/bench/**/*.ts'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/tmp', '**/.nx', '**/coverage', '**/test-output', '**/*.cjs'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: [], depConstraints: constraints([]) },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: [], depConstraints: constraints(['type:tooling']) },
      ],
    },
  },
];
