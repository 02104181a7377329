// streamlens:alerts — trend alerts decided on the trends table's stream and published to an
// EventBridge bus: thresholds, the stream mapping, targets and the bus archive.
import { CONFIG_NAMESPACE, RANGES } from '../constants';
import { ConfigValidationError } from '../errors';
import { Fields } from '../fields';
import { IssueList } from '../issues';
import type {
  AlertThresholds,
  AlertTargetsConfig,
  AlertWebhookConfig,
  AlertsConfig,
  StreamMappingConfig,
} from '../alerts-types';
import { EMAIL, MAX_EMAIL_LENGTH } from './alarms';
import { bounded, parseSizing } from './mapping';

const THRESHOLD_KEYS = ['baseline', 'rising', 'newEntrant', 'sentimentSwing', 'settleSeconds'] as const;
const KEYS = ['enabled', ...THRESHOLD_KEYS, 'mapping', 'targets', 'archiveRetentionDays'] as const;
const MAPPING_KEYS = [
  'batchSize',
  'maximumBatchingWindowInSeconds',
  'startingPosition',
  'parallelizationFactor',
  'bisectBatchOnFunctionError',
  'maximumRetryAttempts',
  'maximumRecordAgeInSeconds',
  'onFailureDestination',
  'allowUnbounded',
  'function',
] as const;
const ANY = Number.POSITIVE_INFINITY;
const HTTPS_URL = /^https:\/\/[^\s/?#]+[^\s]*$/;
// Secrets Manager names: 1–512 of letters, digits and /_+=.@- (an ARN is accepted too).
const SECRET_NAME = /^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:)?[A-Za-z0-9/_+=.@-]{1,512}$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,256}$/;
/** DynamoDB Streams keep records 24 hours: an older max age would only hide lost records. */
const STREAM_RETENTION_SECONDS = 86_400;

/**
 * Parses streamlens:alerts. Defaults alert on a hashtag at least 20 times in a window, twice
 * its baseline mean and 3 spreads above it (10 windows of baseline, at least 3 with rows), a
 * new entrant to the top 10 with 20 occurrences, and a sentiment swing of 2 AFINN points over
 * 20 posts against 50 baseline posts.
 */
export function parseAlerts(parent: Fields): AlertsConfig {
  const f = parent.child('alerts', KEYS);
  return {
    enabled: f.bool('enabled', true),
    ...readThresholds(f),
    mapping: parseStreamMapping(f),
    targets: parseTargets(f),
    archiveRetentionDays: f.int('archiveRetentionDays', { min: 0, max: 3650 }, 30),
  };
}

/**
 * Validates the thresholds alone, as the alerts function receives them (`ALERT_THRESHOLDS`, the
 * JSON of this object): the same rules and messages as the stack file, keys under
 * `streamlens:alerts.`.
 *
 * @throws ConfigValidationError listing every problem.
 * @example
 * ```ts
 * const thresholds = parseAlertThresholds(JSON.parse(process.env.ALERT_THRESHOLDS ?? '{}'));
 * ```
 */
export function parseAlertThresholds(raw: unknown): AlertThresholds {
  const issues = new IssueList();
  const f = new Fields(issues, `${CONFIG_NAMESPACE}:alerts`, raw, THRESHOLD_KEYS);
  const thresholds = readThresholds(f);
  if (issues.all.length > 0) throw new ConfigValidationError(issues.all, {});
  return thresholds;
}

function readThresholds(f: Fields): AlertThresholds {
  const b = f.child('baseline', ['windows', 'minWindows']);
  const windows = b.int('windows', { min: 2, max: 100 }, 10);
  const minWindows = b.int('minWindows', { min: 1, max: 100 }, 3);
  if (minWindows > windows && b.valid('minWindows') && b.valid('windows')) {
    b.fail('minWindows', 'exceeds baseline.windows', `1–${windows}`);
  }
  const r = f.child('rising', ['enabled', 'zScore', 'minCount', 'minRatio']);
  const n = f.child('newEntrant', ['enabled', 'topN', 'minCount']);
  const s = f.child('sentimentSwing', ['enabled', 'minDelta', 'minCount', 'baselineMinCount']);
  return {
    baseline: { windows, minWindows: Math.min(minWindows, windows) },
    rising: {
      enabled: r.bool('enabled', true),
      zScore: r.number('zScore', { min: 0, max: 1000, exclusiveMin: true }, 3),
      minCount: r.int('minCount', { min: 1, max: ANY }, 20),
      minRatio: r.number('minRatio', { min: 1, max: 1000 }, 2),
    },
    newEntrant: {
      enabled: n.bool('enabled', true),
      topN: n.int('topN', { min: 1, max: 100 }, 10),
      minCount: n.int('minCount', { min: 1, max: ANY }, 20),
    },
    sentimentSwing: {
      enabled: s.bool('enabled', true),
      // AFINN scores words -5..5 and a post's score is their sum: a swing above 10 is possible
      // but no longer a threshold anyone could reason about.
      minDelta: s.number('minDelta', { min: 0, max: 10, exclusiveMin: true }, 2),
      minCount: s.int('minCount', { min: 1, max: ANY }, 20),
      baselineMinCount: s.int('baselineMinCount', { min: 1, max: ANY }, 50),
    },
    settleSeconds: f.int('settleSeconds', { min: 1, max: 86_400 }, 300),
  };
}

// The DynamoDB Streams mapping has the Kinesis controls except AT_TIMESTAMP and tumbling windows.
function parseStreamMapping(parent: Fields): StreamMappingConfig {
  const f = parent.child('mapping', MAPPING_KEYS);
  const allowUnbounded = f.bool('allowUnbounded', false);
  const age = bounded(f, 'maximumRecordAgeInSeconds', RANGES.maximumRecordAgeInSeconds, 3600, allowUnbounded);
  if (age > STREAM_RETENTION_SECONDS && f.valid('maximumRecordAgeInSeconds')) {
    f.fail(
      'maximumRecordAgeInSeconds',
      'exceeds the 24-hour retention of a DynamoDB stream',
      `≤ ${STREAM_RETENTION_SECONDS}`,
    );
  }
  return {
    batchSize: f.int('batchSize', RANGES.batchSize, 100),
    maximumBatchingWindowInSeconds: f.int('maximumBatchingWindowInSeconds', RANGES.maximumBatchingWindowInSeconds, 0),
    startingPosition: f.oneOf('startingPosition', ['TRIM_HORIZON', 'LATEST'] as const, 'TRIM_HORIZON'),
    parallelizationFactor: f.int('parallelizationFactor', RANGES.parallelizationFactor, 1),
    bisectBatchOnFunctionError: f.bool('bisectBatchOnFunctionError', true),
    maximumRetryAttempts: bounded(f, 'maximumRetryAttempts', RANGES.maximumRetryAttempts, 5, allowUnbounded),
    maximumRecordAgeInSeconds: age,
    onFailureDestination: f.bool('onFailureDestination', true),
    allowUnbounded,
    function: parseSizing(f),
  };
}

function parseTargets(parent: Fields): AlertTargetsConfig {
  const f = parent.child('targets', ['email', 'webhook']);
  const allowed = `"" or an email address of at most ${MAX_EMAIL_LENGTH} characters`;
  const email = f.string('email', EMAIL, allowed, MAX_EMAIL_LENGTH) ?? '';
  const webhook = f.has('webhook') && f.raw['webhook'] !== null ? parseWebhook(f) : undefined;
  return { email, ...(webhook ? { webhook } : {}) };
}

function parseWebhook(parent: Fields): AlertWebhookConfig {
  const f = parent.child('webhook', ['url', 'secretName', 'headerName', 'rateLimitPerSecond', 'secret']);
  // A secret value in the stack file would be committed with it: name the secret instead.
  if (f.has('secret')) {
    f.fail(
      'secret',
      'must not be in the stack file (it would be committed)',
      'secretName: the name of a Secrets Manager secret',
    );
  }
  const required = (name: 'url' | 'secretName', pattern: RegExp, allowed: string, max: number): string => {
    if (!f.has(name)) f.fail(name, 'is required for a webhook', allowed);
    return f.string(name, pattern, allowed, max) ?? '';
  };
  return {
    url: required('url', HTTPS_URL, 'an https:// URL', 2048),
    secretName: required('secretName', SECRET_NAME, 'a Secrets Manager secret name or ARN', 2048),
    headerName: f.string('headerName', HEADER_NAME, 'an HTTP header name', 256) ?? 'x-api-key',
    rateLimitPerSecond: f.int('rateLimitPerSecond', { min: 1, max: 300 }, 10),
  };
}
