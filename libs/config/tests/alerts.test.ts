// streamlens:alerts: defaults, one issue per broken rule naming its key, the thresholds parsed
// alone (as the alerts function reads them), and a webhook secret that must stay out of the file.
import { ConfigValidationError, alertsEnvironment, parseAlertThresholds, parseStackConfig } from '../src';
import { ALERT_DEFAULTS } from './helpers/alert-defaults';
import { set, thrown, validRaw } from './helpers/raw-config';

type Patch = (raw: Record<string, unknown>) => void;
const WEBHOOK = { url: 'https://hooks.example.com/alerts', secretName: 'streamlens/dev/webhook' };

// [rule, patch, key (under streamlens:alerts.), offending value]
const CASES: Array<[string, Patch, string, unknown]> = [
  ['enabled is boolean', set('alerts.enabled', 'yes'), 'enabled', 'yes'],
  ['baseline windows 2–100', set('alerts.baseline.windows', 1), 'baseline.windows', 1],
  ['baseline minWindows ≤ windows', set('alerts.baseline', { windows: 4, minWindows: 5 }), 'baseline.minWindows', 5],
  ['rising zScore > 0', set('alerts.rising.zScore', 0), 'rising.zScore', 0],
  ['rising minCount is an integer', set('alerts.rising.minCount', 2.5), 'rising.minCount', 2.5],
  ['rising minRatio ≥ 1', set('alerts.rising.minRatio', 0.5), 'rising.minRatio', 0.5],
  ['newEntrant topN 1–100', set('alerts.newEntrant.topN', 101), 'newEntrant.topN', 101],
  ['sentimentSwing minDelta ≤ 10', set('alerts.sentimentSwing.minDelta', 11), 'sentimentSwing.minDelta', 11],
  ['unknown threshold key', set('alerts.rising.zscore', 3), 'rising.zscore', 3],
  ['settleSeconds ≥ 1', set('alerts.settleSeconds', 0), 'settleSeconds', 0],
  [
    'no AT_TIMESTAMP on a table stream',
    set('alerts.mapping.startingPosition', 'AT_TIMESTAMP'),
    'mapping.startingPosition',
    'AT_TIMESTAMP',
  ],
  ['bounded retries', set('alerts.mapping.maximumRetryAttempts', -1), 'mapping.maximumRetryAttempts', -1],
  [
    'record age within the 24 h stream retention',
    set('alerts.mapping.maximumRecordAgeInSeconds', 86_401),
    'mapping.maximumRecordAgeInSeconds',
    86_401,
  ],
  ['function memory range', set('alerts.mapping.function.memoryMb', 64), 'mapping.function.memoryMb', 64],
  ['targets email shape', set('alerts.targets.email', 'ops'), 'targets.email', 'ops'],
  [
    'webhook url is https',
    set('alerts.targets.webhook', { ...WEBHOOK, url: 'http://x.example' }),
    'targets.webhook.url',
    'http://x.example',
  ],
  [
    'webhook secretName required',
    set('alerts.targets.webhook', { url: WEBHOOK.url }),
    'targets.webhook.secretName',
    undefined,
  ],
  [
    'webhook secret value refused',
    set('alerts.targets.webhook', { ...WEBHOOK, secret: 's3cr3t' }),
    'targets.webhook.secret',
    's3cr3t',
  ],
  ['archive retention 0–3650', set('alerts.archiveRetentionDays', -1), 'archiveRetentionDays', -1],
];

describe('streamlens:alerts', () => {
  it('resolves an absent section to the documented defaults', () => {
    expect(parseStackConfig({}).alerts).toEqual(ALERT_DEFAULTS);
  });

  it.each(CASES)('rejects: %s', (_rule, patch, key, value) => {
    // prepare
    const raw = validRaw();
    patch(raw);

    // act
    const error = thrown(() => parseStackConfig(raw)) as ConfigValidationError;

    // assess
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ key: `streamlens:alerts.${key}`, value });
  });

  it('keeps a webhook with its defaults and never a secret value', () => {
    const raw = validRaw();
    set('alerts.targets.webhook', WEBHOOK)(raw);
    expect(parseStackConfig(raw).alerts.targets.webhook).toEqual({
      ...WEBHOOK,
      headerName: 'x-api-key',
      rateLimitPerSecond: 10,
    });
  });

  it('parses the thresholds alone with the same keys and messages', () => {
    // act
    const thresholds = parseAlertThresholds({ rising: { zScore: 4 }, newEntrant: { topN: 5 } });
    const error = thrown(() => parseAlertThresholds({ rising: { zScore: -1 }, mapping: {} })) as ConfigValidationError;

    // assess
    expect(thresholds.rising).toEqual({ ...ALERT_DEFAULTS.rising, zScore: 4 });
    expect(thresholds.newEntrant.topN).toBe(5);
    expect(error.issues.map((i) => i.key)).toEqual(['streamlens:alerts.mapping', 'streamlens:alerts.rising.zScore']);
  });
});

describe('alertsEnvironment', () => {
  it('passes exactly the thresholds the function parses back to the same values', () => {
    // prepare
    const raw = validRaw();
    set('alerts.rising.zScore', 4.5)(raw);
    const config = parseStackConfig(raw);

    // act
    const env = alertsEnvironment({ alertsTable: 'alerts-t', eventBusName: 'bus', alerts: config.alerts });

    // assess
    const { enabled: _e, mapping: _m, targets: _t, archiveRetentionDays: _a, ...thresholds } = config.alerts;
    expect(parseAlertThresholds(JSON.parse(env['ALERT_THRESHOLDS'] as string))).toEqual(thresholds);
    expect(env).toMatchObject({ ALERTS_TABLE: 'alerts-t', EVENT_BUS_NAME: 'bus' });
  });
});
