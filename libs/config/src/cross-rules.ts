// Rules that span sections: a mapping's settings against the stream and the producer.
// They skip keys that already failed on their own, so one mistake yields one message.
import { MAPPING_NAMES } from './constants';
import type { IssueList } from './issues';
import type { AlertsConfig } from './alerts-types';
import type { AlarmsConfig, MappingConfig, ProducerConfig, StreamConfig } from './types';

const DAY_MS = 86_400_000;

interface Sections {
  readonly alarms: AlarmsConfig;
  readonly alerts: AlertsConfig;
  readonly stream: StreamConfig;
  readonly producer: ProducerConfig;
  readonly consumer: MappingConfig;
  readonly aggregator: MappingConfig;
}

/** Applies every cross-section rule, adding issues to `issues`. */
export function checkCrossRules(issues: IssueList, sections: Sections): void {
  for (const name of MAPPING_NAMES) {
    const mapping = sections[name];
    const key = (field: string): string => `streamlens:${name}.${field}`;
    checkAggregation(issues, key, mapping, sections.producer);
    checkRecordAge(issues, key('maximumRecordAgeInSeconds'), mapping, sections.stream);
  }
  checkIteratorAgeAlarm(issues, sections);
}

// Lambda's IteratorAge never passes the age at which a mapping drops records (its maximum record
// age, else the retention): a threshold at or above it is an alarm that can never fire.
function checkIteratorAgeAlarm(issues: IssueList, sections: Sections): void {
  const key = 'streamlens:alarms.lambdaIteratorAgeMs';
  const threshold = sections.alarms.lambdaIteratorAgeMs;
  if (issues.has(key)) return;
  const retentionMs = sections.stream.retentionHours * 3_600_000;
  const limits: { name: string; limitMs: number }[] = MAPPING_NAMES.map((name) => {
    const age = sections[name].maximumRecordAgeInSeconds;
    return { name, limitMs: age === -1 ? retentionMs : Math.min(retentionMs, age * 1000) };
  });
  // The alerts mapping reads the trends table's stream, which keeps records 24 hours.
  if (sections.alerts.enabled) {
    const age = sections.alerts.mapping.maximumRecordAgeInSeconds;
    limits.push({ name: 'alerts.mapping', limitMs: age === -1 ? DAY_MS : Math.min(DAY_MS, age * 1000) });
  }
  for (const { name, limitMs } of limits) {
    if (threshold < limitMs) continue;
    const why = `streamlens:${name}.maximumRecordAgeInSeconds drops older records, so the alarm could never fire`;
    issues.add(key, threshold, `must be below ${limitMs} ms (${why})`, `< ${limitMs}`);
    return;
  }
}

// AWS: parallelization does not combine with KPL aggregation; and an aggregated record is
// protobuf, not JSON, so a `data` filter would drop every record.
function checkAggregation(
  issues: IssueList,
  key: (field: string) => string,
  mapping: MappingConfig,
  producer: ProducerConfig,
): void {
  if (!producer.aggregation) return;
  const pf = key('parallelizationFactor');
  if (mapping.parallelizationFactor !== 1 && !issues.has(pf)) {
    const why = 'AWS: parallelization does not combine with KPL aggregation';
    issues.add(
      pf,
      mapping.parallelizationFactor,
      `must be 1 when streamlens:producer.aggregation is true (${why})`,
      '1',
    );
  }
  if (mapping.filters.length > 0 && !issues.has(key('filters'))) {
    const why = 'aggregated records are not JSON, so data filters drop them all';
    issues.add(
      key('filters'),
      mapping.filters.map((text) => JSON.parse(text) as unknown),
      `must be empty when streamlens:producer.aggregation is true (${why})`,
      '[]',
    );
  }
}

// A record older than the retention is gone; a larger max age only hides that.
function checkRecordAge(issues: IssueList, key: string, mapping: MappingConfig, stream: StreamConfig): void {
  const age = mapping.maximumRecordAgeInSeconds;
  const retentionSeconds = stream.retentionHours * 3600;
  if (age === -1 || age <= retentionSeconds || issues.has(key)) return;
  const allowed = `≤ ${retentionSeconds} (streamlens:stream.retentionHours ${stream.retentionHours} × 3600)`;
  issues.add(key, age, 'exceeds the stream retention', allowed);
}
