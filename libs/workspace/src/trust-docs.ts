// Reads the machine-checkable parts of docs/DEPLOY.md: the AWS trust policies and the Pulumi
// Cloud OIDC policies a person pastes, each marked by an HTML comment before its JSON block.
const GITHUB_SUB = 'token.actions.githubusercontent.com:sub';
const GITHUB_AUD = 'token.actions.githubusercontent.com:aud';

/** One documented AWS role trust policy, reduced to what the checks compare. */
export interface DocumentedTrustPolicy {
  /** `<variable>` or `<variable>@<environment>`, as the marker names it. */
  readonly role: string;
  readonly subjects: readonly string[];
  readonly audiences: readonly string[];
}

/** One documented Pulumi Cloud OIDC authorization policy. */
export interface DocumentedPulumiPolicy {
  /** `team:<name>`. */
  readonly scope: string;
  readonly subjects: readonly string[];
  /** Stack → permission set (e.g. `{ dev: 'Stack Read' }`). */
  readonly stacks: Readonly<Record<string, string>>;
}

/** The JSON blocks that follow `<!-- <kind>: <name> -->` markers, by name. */
export function markedJsonBlocks(markdown: string, kind: string): Map<string, unknown> {
  const blocks = new Map<string, unknown>();
  const pattern = new RegExp(`<!--\\s*${kind}:\\s*(\\S+)\\s*-->\\s*\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``, 'g');
  for (const match of markdown.matchAll(pattern)) {
    const name = match[1] as string;
    try {
      blocks.set(name, JSON.parse(match[2] as string));
    } catch (err) {
      throw new Error(`${kind} ${name}: the JSON block does not parse: ${(err as Error).message}`);
    }
  }
  return blocks;
}

/**
 * The AWS trust policies documented under `<!-- aws-trust-policy: ROLE -->` markers.
 *
 * @example
 * ```ts
 * documentedTrustPolicies(readFileSync('docs/DEPLOY.md', 'utf8'))[0].subjects;
 * ```
 */
export function documentedTrustPolicies(markdown: string): DocumentedTrustPolicy[] {
  return [...markedJsonBlocks(markdown, 'aws-trust-policy')].map(([role, doc]) => {
    const statements = ((doc as { Statement?: unknown[] }).Statement ?? []) as {
      Condition?: Record<string, Record<string, string | string[]>>;
    }[];
    const values = (key: string) =>
      statements.flatMap((s) =>
        Object.values(s.Condition ?? {}).flatMap((operator) => {
          const value = operator[key];
          return value === undefined ? [] : Array.isArray(value) ? value : [value];
        }),
      );
    return { role, subjects: [...values(GITHUB_SUB)].sort(), audiences: values(GITHUB_AUD) };
  });
}

/** The Pulumi OIDC policies documented under `<!-- pulumi-oidc-policy: team:NAME -->` markers. */
export function documentedPulumiPolicies(markdown: string): DocumentedPulumiPolicy[] {
  return [...markedJsonBlocks(markdown, 'pulumi-oidc-policy')].map(([scope, doc]) => {
    const d = doc as { sub?: string | string[]; stacks?: Record<string, string> };
    const subjects = d.sub === undefined ? [] : Array.isArray(d.sub) ? d.sub : [d.sub];
    return { scope, subjects: [...subjects].sort(), stacks: d.stacks ?? {} };
  });
}
