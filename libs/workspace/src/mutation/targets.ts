// Mutation testing (issue #22): the code where a bug loses or corrupts data, each target with
// the source files whose mutants count and the test folders that must kill them. One entry is
// one target's configuration; stryker-options.ts turns it into StrykerJS options.

/** One mutation-testing target. */
export interface MutationTarget {
  /** What the target covers, in a line. */
  readonly summary: string;
  /** Source files whose mutants are counted, relative to the repository root (no globs: a moved file fails loudly). */
  readonly mutate: readonly string[];
  /**
   * The tests that must kill the mutants, relative to the repository root: folders (every
   * `*.test.ts` under them) or single `*.test.ts` files. All of them run in the dry run; coverage
   * per test then picks the tests each mutant runs. Listing them here (instead of letting Jest
   * find "related" tests) keeps the score independent of how a test imports the code: through a
   * relative path, a lib's index.ts or an `@streamlens/*` alias. Tests that start emulators or
   * drive a whole producer for seconds are left out where faster tests own the behaviour: every
   * mutant they cover would rerun them.
   */
  readonly tests: readonly string[];
  /**
   * Test files under `tests` that must not run, each with the reason. Only tests that mutants
   * cannot reach belong here (they run a built bundle or another process).
   */
  readonly skippedTests?: Readonly<Record<string, string>>;
}

/**
 * The targets by name: `npm run mutation -- <name>`.
 *
 * @example
 * ```ts
 * MUTATION_TARGETS['kpl'].mutate; // ['libs/kinesis/src/consumer/kpl-decoder.ts', …]
 * ```
 */
export const MUTATION_TARGETS = {
  kpl: {
    summary: 'KPL aggregation: the decoder and deaggregation (consumer) and the aggregate builder (producer)',
    mutate: [
      'libs/kinesis/src/consumer/kpl-decoder.ts',
      'libs/kinesis/src/consumer/deaggregate.ts',
      'libs/kinesis/src/producer/aggregate-builder.ts',
    ],
    tests: [
      'libs/kinesis/tests/consumer/deaggregate.test.ts',
      'libs/kinesis/tests/consumer/kpl-decoder.test.ts',
      'libs/kinesis/tests/producer/aggregate-builder.test.ts',
    ],
  },
  'shard-router': {
    summary: "The producer's routing of records to shards and keeping the shard map current",
    mutate: ['libs/kinesis/src/producer/shard-router.ts', 'libs/kinesis/src/producer/shard-map.ts'],
    tests: [
      'libs/kinesis/tests/producer/routing.test.ts',
      'libs/kinesis/tests/producer/shard-map.test.ts',
      'libs/kinesis/tests/producer/shard-router.test.ts',
    ],
  },
  'batch-failures': {
    summary: 'The partial-batch response: the lowest failing sequence number, compared as numbers',
    mutate: ['libs/kinesis/src/consumer/batch-failure-tracker.ts', 'libs/kinesis/src/consumer/sequence-number.ts'],
    tests: [
      'libs/kinesis/tests/consumer/batch-failure-tracker.test.ts',
      'libs/kinesis/tests/consumer/batch-failure-rules.test.ts',
      'libs/kinesis/tests/consumer/sequence-number.test.ts',
    ],
  },
  fold: {
    summary: "The aggregator's window fold (posts into a window's state, top-k hashtags) and the merge of window rows",
    mutate: [
      'libs/analytics/src/window-state.ts',
      'libs/analytics/src/space-saving.ts',
      'libs/analytics/src/aggregate.ts',
    ],
    // The property tests (fold.property, dedupe.property: 15 s a run) would rerun for nearly every
    // mutant; the example tests and the seeded streams of fold-examples must kill on their own.
    tests: [
      'libs/analytics/tests/window-state.test.ts',
      'libs/analytics/tests/aggregate.test.ts',
      'libs/analytics/tests/restore.test.ts',
      'libs/analytics/tests/fold-examples.test.ts',
    ],
  },
  filters: {
    summary:
      'The one filter grammar (Lambda filters, EventBridge patterns): its validator, compiler and the matcher of the local mappings',
    mutate: [
      'libs/config/src/filters/filter-grammar.ts',
      'libs/config/src/filters/filter-matcher.ts',
      'libs/config/src/filters/filter-pattern.ts',
    ],
    tests: ['libs/config/tests/filters', 'libs/config/tests/filter-pattern.test.ts'],
  },
} as const satisfies Record<string, MutationTarget>;

/** A target's name. */
export type MutationTargetName = keyof typeof MUTATION_TARGETS;

/** True when `name` names a target. */
export function isMutationTargetName(name: string): name is MutationTargetName {
  return Object.hasOwn(MUTATION_TARGETS, name);
}
