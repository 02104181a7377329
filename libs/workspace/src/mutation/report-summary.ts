// Mutation testing: the figures of a StrykerJS JSON report (mutation-testing-report-schema),
// per file and in total, as docs/TESTING.md quotes them.

/** The part of a mutant in the report that the figures need. */
interface ReportMutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}

/** The part of a StrykerJS JSON report that the figures need. */
export interface MutationReport {
  readonly files: Readonly<Record<string, { readonly mutants: readonly ReportMutant[] }>>;
}

/** Counts of one file or of a whole report. */
export interface MutationCounts {
  readonly mutants: number;
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Ignored, compile or runtime errors: not part of the score. */
  readonly excluded: number;
  /** Detected (killed or timed out) over valid mutants, in percent; Stryker's mutation score. */
  readonly score: number;
  /** Killed alone over valid mutants, in percent. */
  readonly killedScore: number;
}

/** A mutant the tests let through. */
export interface UndetectedMutant {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  readonly replacement: string;
  readonly status: 'Survived' | 'NoCoverage';
}

function count(mutants: readonly ReportMutant[]): MutationCounts {
  const of = (status: string) => mutants.filter((m) => m.status === status).length;
  const killed = of('Killed');
  const timeout = of('Timeout');
  const survived = of('Survived');
  const noCoverage = of('NoCoverage');
  const valid = killed + timeout + survived + noCoverage;
  const percent = (n: number) => (valid === 0 ? 0 : Math.round((n / valid) * 1000) / 10);
  return {
    mutants: mutants.length,
    killed,
    timeout,
    survived,
    noCoverage,
    excluded: mutants.length - valid,
    score: percent(killed + timeout),
    killedScore: percent(killed),
  };
}

/**
 * The counts per file and in total.
 *
 * @example
 * ```ts
 * summarizeMutationReport(report).total.score; // 91.2
 * ```
 */
export function summarizeMutationReport(report: MutationReport): {
  readonly files: Readonly<Record<string, MutationCounts>>;
  readonly total: MutationCounts;
  readonly undetected: readonly UndetectedMutant[];
} {
  const entries = Object.entries(report.files);
  const undetected = entries.flatMap(([file, { mutants }]) =>
    mutants
      .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .map((m) => ({
        file,
        line: m.location.start.line,
        column: m.location.start.column,
        mutator: m.mutatorName,
        replacement: m.replacement ?? '',
        status: m.status as UndetectedMutant['status'],
      })),
  );
  return {
    files: Object.fromEntries(entries.map(([file, { mutants }]) => [file, count(mutants)])),
    total: count(entries.flatMap(([, { mutants }]) => mutants)),
    undetected,
  };
}
