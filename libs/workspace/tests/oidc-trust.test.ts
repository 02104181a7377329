// The trust policies in docs/DEPLOY.md must admit exactly the OIDC subjects the workflows
// present: a missing subject breaks a deploy, an extra one lets another ref or event in.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  documentedPulumiPolicies,
  documentedTrustPolicies,
  findRepoRoot,
  oidcIdentities,
  parseWorkflow,
  readWorkflow,
  type OidcIdentity,
} from '../src';

const root = findRepoRoot();
const deployDoc = readFileSync(join(root, 'docs/DEPLOY.md'), 'utf8');
const identities: OidcIdentity[] = readdirSync(join(root, '.github/workflows'))
  .filter((f) => /\.ya?ml$/.test(f))
  .flatMap((f) => oidcIdentities(readWorkflow(join(root, '.github/workflows', f))));

function grouped(pick: (i: OidcIdentity) => string | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const identity of identities) {
    const key = pick(identity);
    if (key === undefined) continue;
    out[key] = [...new Set([...(out[key] ?? []), ...identity.subjects])].sort();
  }
  return out;
}

describe('oidcIdentities (GitHub subject rules)', () => {
  it('an environment decides the subject, whatever the trigger', () => {
    const wf = parseWorkflow(
      [
        'on: { push: { branches: [main] } }',
        'jobs:',
        '  dev:',
        '    environment: dev',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: aws-actions/configure-aws-credentials@v4',
        '        with: { role-to-assume: "${{ vars.AWS_DEPLOY_ROLE_ARN }}" }',
      ].join('\n'),
    );
    expect(oidcIdentities(wf)).toEqual([
      { job: 'dev', subjects: ['repo:<org>/<repo>:environment:dev'], awsRole: 'AWS_DEPLOY_ROLE_ARN@dev' },
    ]);
  });

  it('without an environment: pull_request, or the branches and tags a push runs on', () => {
    const wf = parseWorkflow(
      [
        'on: { pull_request: null, push: { branches: [main], tags: ["v*"] } }',
        'jobs:',
        '  any:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: pulumi/auth-actions@v1',
        '        with: { scope: "team:x" }',
      ].join('\n'),
    );
    expect(oidcIdentities(wf)[0]?.subjects).toEqual([
      'repo:<org>/<repo>:pull_request',
      'repo:<org>/<repo>:ref:refs/heads/main',
      'repo:<org>/<repo>:ref:refs/tags/v*',
    ]);
  });
});

describe('docs/DEPLOY.md trust policies match the workflows', () => {
  it('every AWS role a workflow assumes trusts exactly the subjects of the jobs that assume it', () => {
    const documented = Object.fromEntries(documentedTrustPolicies(deployDoc).map((p) => [p.role, p.subjects]));
    expect(documented).toEqual(grouped((i) => i.awsRole));
  });

  it('every documented AWS trust policy checks the STS audience', () => {
    for (const policy of documentedTrustPolicies(deployDoc)) expect(policy.audiences).toEqual(['sts.amazonaws.com']);
  });

  it('every Pulumi team token a workflow requests is allowed for exactly the subjects of its jobs', () => {
    const documented = Object.fromEntries(documentedPulumiPolicies(deployDoc).map((p) => [p.scope, p.subjects]));
    expect(documented).toEqual(grouped((i) => i.pulumiScope));
  });

  it('pull-request code only ever gets read access to the dev stack', () => {
    const prScopes = identities.filter((i) => i.subjects.some((s) => s.endsWith(':pull_request')));
    expect(prScopes.length).toBeGreaterThan(0);
    const policies = documentedPulumiPolicies(deployDoc);
    for (const identity of prScopes) {
      expect(identity.awsRole).toBe('AWS_PREVIEW_ROLE_ARN');
      expect(policies.find((p) => p.scope === identity.pulumiScope)?.stacks).toEqual({ dev: 'Stack Read' });
    }
  });

  it('the prod stack is reachable only from the prod environment', () => {
    for (const policy of documentedPulumiPolicies(deployDoc)) {
      if (policy.stacks['prod'] !== undefined) expect(policy.subjects).toEqual(['repo:<org>/<repo>:environment:prod']);
    }
  });
});
