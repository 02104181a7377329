// Pure translation of one mapping's settings into aws.lambda.EventSourceMapping inputs. The
// settings and their checks are @streamlens/config's one model (the local mapping applies the
// same); this adds StreamLens's deploy rules (bounded retries unless opted in, record age within
// the retention, partial batch responses on) and sets every property explicitly (no AWS default
// is relied on). Filter patterns are deployed as the grammar's text, numbers as written.
import {
  checkMappingSettings,
  compileFilterPattern,
  KINESIS_FILTER_RULES,
  type FilterPatternRules,
  type MappingSettings,
} from '@streamlens/config';
import type { ArgsContext } from './validate';
import { fail } from './validate';

/** The settings of one Kinesis event-source mapping (config's `mappingSettings` shape). */
export interface MappingSettingsArgs extends MappingSettings {
  readonly onFailureDestination: boolean;
  /** `sqs` (default) or `s3`; only with onFailureDestination. */
  readonly onFailureTarget?: 'sqs' | 's3';
  /** Read through an enhanced fan-out consumer of the mapping's own. Default false. */
  readonly enhancedFanOut?: boolean;
  /** Opt-in to -1 (infinite) retries / record age. Default false. */
  readonly allowUnbounded?: boolean;
}

/** Mapping inputs that do not depend on other resources. */
export interface MappingInputs {
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  readonly startingPosition: string;
  readonly startingPositionTimestamp?: string;
  readonly parallelizationFactor: number;
  readonly bisectBatchOnFunctionError: boolean;
  readonly maximumRetryAttempts: number;
  readonly maximumRecordAgeInSeconds: number;
  readonly functionResponseTypes: string[];
  readonly tumblingWindowInSeconds: number;
  readonly filterCriteria?: { filters: { pattern: string }[] };
  readonly metricsConfig: { metrics: string[] };
  readonly enabled: boolean;
}

/** What the stream adds to the checks of a mapping's settings. */
export interface MappingStreamRules {
  /** The record age must fit in the retention. */
  readonly streamRetentionHours?: number;
  /** The stream kind's filter rules (default Kinesis: `data` only). */
  readonly filterRules?: FilterPatternRules;
}

/**
 * Validates the settings and returns the mapping inputs.
 *
 * @example
 * ```ts
 * mappingInputs(ctx, mappingSettings(config, 'consumer'), { streamRetentionHours: 24 }).maximumRecordAgeInSeconds;
 * ```
 */
export function mappingInputs(
  ctx: ArgsContext,
  s: MappingSettingsArgs,
  stream: MappingStreamRules = {},
): MappingInputs {
  const filterRules = stream.filterRules ?? KINESIS_FILTER_RULES;
  const [problem] = checkMappingSettings(s, {
    nowMs: Date.now(),
    allowUnbounded: s.allowUnbounded ?? false,
    ...(stream.streamRetentionHours !== undefined ? { streamRetentionHours: stream.streamRetentionHours } : {}),
    requireReportBatchItemFailures: true,
    filterRules,
  });
  if (problem) fail(ctx, problem.key, problem.problem, problem.value);
  const ts = s.startingPositionTimestamp;
  return {
    batchSize: s.batchSize,
    maximumBatchingWindowInSeconds: s.maximumBatchingWindowInSeconds,
    startingPosition: s.startingPosition,
    // Pulumi wants RFC 3339; AWS wants Unix seconds: same instant.
    ...(ts !== undefined ? { startingPositionTimestamp: new Date(ts * 1000).toISOString() } : {}),
    parallelizationFactor: s.parallelizationFactor,
    bisectBatchOnFunctionError: s.bisectBatchOnFunctionError,
    maximumRetryAttempts: s.maximumRetryAttempts,
    maximumRecordAgeInSeconds: s.maximumRecordAgeInSeconds,
    functionResponseTypes: [...s.functionResponseTypes],
    tumblingWindowInSeconds: s.tumblingWindowInSeconds,
    ...(s.filters.length > 0
      ? { filterCriteria: { filters: s.filters.map((f) => ({ pattern: patternText(f, filterRules) })) } }
      : {}),
    // Adds PolledEventCount, FilteredOutEventCount, FailedInvokeEventCount, DroppedEventCount…
    metricsConfig: { metrics: ['EventCount'] },
    enabled: true,
  };
}

function patternText(filter: MappingSettings['filters'][number], rules: FilterPatternRules): string {
  const result = compileFilterPattern(filter, rules);
  if (!result.ok) throw new Error('unreachable: checkMappingSettings validated every pattern');
  return result.pattern.text;
}
