// The settings of a local mapping: @streamlens/config's one model of mapping settings (fields,
// AWS ranges and defaults, the checks infra applies too) plus the function timeout the local
// invoker enforces.
import {
  AWS_MAPPING_DEFAULTS,
  checkMappingSettings,
  RANGES,
  type MappingSettings as ConfigMappingSettings,
} from '@streamlens/config';
import { MappingSettingsError } from './errors';

/** Settings of one local event-source mapping: config's mapping settings and the function timeout. */
export interface MappingSettings extends ConfigMappingSettings {
  /** The function timeout, 1–900 s. */
  readonly functionTimeoutSeconds: number;
}

/** AWS's defaults (and Lambda's 3 s function timeout), for tests and callers that set only a few fields. */
export const DEFAULT_MAPPING_SETTINGS: MappingSettings = { ...AWS_MAPPING_DEFAULTS, functionTimeoutSeconds: 3 };

/**
 * Checks every field against AWS's accepted ranges and returns the settings unchanged. Filter
 * patterns are checked when the mapping compiles them for its stream kind.
 * Throws MappingSettingsError naming the first bad key.
 *
 * @example
 * ```ts
 * validateMappingSettings({ ...DEFAULT_MAPPING_SETTINGS, batchSize: 500 }, Date.now());
 * ```
 */
export function validateMappingSettings(settings: MappingSettings, nowMs: number): MappingSettings {
  const problems = checkMappingSettings(settings, { nowMs });
  const timeout = settings.functionTimeoutSeconds;
  const { min, max } = RANGES.timeoutSeconds;
  if (!(typeof timeout === 'number' && Number.isInteger(timeout) && timeout >= min && timeout <= max))
    problems.push({ key: 'functionTimeoutSeconds', problem: `must be an integer ${min}–${max}`, value: timeout });
  const [first] = problems;
  if (first) throw new MappingSettingsError(first.key, `${first.problem}, got ${JSON.stringify(first.value)}`);
  return settings;
}
