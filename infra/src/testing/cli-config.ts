// What the Pulumi CLI does with a stack file before the program runs, for tests that load the
// program as the CLI loads it: YAML parsed with merge keys (go-yaml merges `<<`), `config:` keys
// parsed as `<namespace>:<name>` (a key without a namespace is the CLI's own error), and every
// value passed in PULUMI_CONFIG as a string (scalars as written, mappings and lists as JSON).
import { parseDocument } from 'yaml';

/** The CLI's outcome for a stack file: the PULUMI_CONFIG it would pass, or its own error. */
export type CliConfig =
  | { readonly ok: true; readonly config: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly error: string };

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The config map the Pulumi CLI would hand the program for a stack file's text.
 *
 * @example
 * ```ts
 * const cli = pulumiConfigFromStackFile(fs.readFileSync('Pulumi.dev.yaml', 'utf8'));
 * if (cli.ok) process.env['PULUMI_CONFIG'] = JSON.stringify(cli.config);
 * ```
 */
export function pulumiConfigFromStackFile(text: string): CliConfig {
  const doc = parseDocument(text, { merge: true, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) return { ok: false, error: `could not parse the stack file: ${syntax.message.split('\n')[0]}` };
  const root: unknown = doc.toJS({ maxAliasCount: 100 });
  const entries = isMapping(root) ? root['config'] : undefined;
  if (entries === undefined || entries === null) return { ok: true, config: {} };
  if (!isMapping(entries)) return { ok: false, error: 'config: must be a map of configuration keys' };
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) {
    if (!key.includes(':'))
      return {
        ok: false,
        error: `could not parse ${key} as a configuration key (configuration keys should be of the form \`<namespace>:<name>\`)`,
      };
    config[key] = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  }
  return { ok: true, config };
}
