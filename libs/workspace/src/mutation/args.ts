// Mutation testing: the command line of `npm run mutation -- <target> [flags]`.
import { isMutationTargetName, MUTATION_TARGETS, type MutationTargetName } from './targets';

/** What the command line asks for. */
export type MutationCommand =
  | { readonly kind: 'list' }
  | {
      readonly kind: 'run';
      readonly targets: readonly MutationTargetName[];
      readonly concurrency: number;
      readonly incremental: boolean;
    };

/** A command line that cannot be run; the message names the culprit. */
export class MutationUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MutationUsageError';
  }
}

/** The usage text. */
export const MUTATION_USAGE = [
  'usage: npm run mutation -- <target>… | all [--concurrency N] [--incremental]',
  '       npm run mutation -- --list',
  `  targets: ${Object.keys(MUTATION_TARGETS).join(', ')}`,
  '  --concurrency N  test-runner processes in parallel (default 2; 1–2 on a shared 2-core machine)',
  "  --incremental    retest only mutants whose code or tests changed since the target's committed report",
].join('\n');

/**
 * Parses the arguments after `npm run mutation --`.
 *
 * @throws MutationUsageError naming an unknown target or flag, or a bad concurrency.
 * @example
 * ```ts
 * parseMutationArgs(['kpl', '--concurrency', '1']); // { kind: 'run', targets: ['kpl'], concurrency: 1, incremental: false }
 * ```
 */
export function parseMutationArgs(argv: readonly string[]): MutationCommand {
  if (argv.includes('--list')) return { kind: 'list' };
  const targets: MutationTargetName[] = [];
  let concurrency = 2;
  let incremental = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--incremental') incremental = true;
    else if (arg === '--concurrency') {
      const value = argv[++i];
      concurrency = Number(value);
      if (!Number.isInteger(concurrency) || concurrency < 1)
        throw new MutationUsageError(`--concurrency needs a whole number ≥ 1, got ${JSON.stringify(value ?? null)}`);
    } else if (arg.startsWith('-')) throw new MutationUsageError(`unknown flag "${arg}"`);
    else if (arg === 'all') targets.push(...(Object.keys(MUTATION_TARGETS) as MutationTargetName[]));
    else if (isMutationTargetName(arg)) targets.push(arg);
    else throw new MutationUsageError(`unknown target "${arg}"`);
  }
  if (targets.length === 0) throw new MutationUsageError('name a target (or all)');
  return { kind: 'run', targets: [...new Set(targets)], concurrency, incremental };
}
