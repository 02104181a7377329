// One builder of each function's environment from the stack config: infra passes the result to
// aws.lambda.Function, the local stack to its sandboxes (adding only the emulator endpoints), so
// the two cannot set different values. Each function gets exactly the variables it reads.
import { alertsEnvironment } from '../alerts-environment';
import type { StackConfig } from '../types';
import type { FunctionRole } from './function-roles';
import { ENV, METRICS_NAMESPACE } from './variables';

/** Names of the stack's resources, as the deployment knows them (Pulumi outputs, local names). */
export interface FunctionResources<T> {
  readonly postsTable: T;
  readonly trendsTable: T;
  readonly quarantineTable: T;
  readonly streamName: T;
  readonly alertsTable: T;
  /** The bus alerts go to; only the alerts function needs it (it exists when alerts are enabled). */
  readonly eventBusName?: T;
  /**
   * The report's CloudWatch pipeline-health settings as JSON (`pipelineHealthSettings`,
   * serialised by infra); absent locally, where the stack serves the figures itself.
   */
  readonly pipelineHealth?: T;
}

type Env<T> = Record<string, T | string>;

function reportAuth(config: StackConfig): Env<never> {
  const report = config.report;
  if (report.access !== 'jwt') return { [ENV.reportAuth]: report.access };
  // The page signs in against the issuer; the first audience is the app client id (Cognito,
  // Entra ID and Okta put the client id in `aud`).
  return {
    [ENV.reportAuth]: 'jwt',
    [ENV.oidcIssuer]: report.jwt.issuer,
    [ENV.oidcAudience]: report.jwt.audience.join(','),
    [ENV.oidcClientId]: report.jwt.audience[0] ?? '',
    // The page asks for the scopes the API's data routes require, with openid.
    [ENV.oidcScope]: ['openid', ...report.jwt.scopes].join(' '),
  };
}

function roleVariables<T>(config: StackConfig, role: FunctionRole, r: FunctionResources<T>): Env<T> {
  const ttlDays = String(config.tables.ttlDays);
  switch (role) {
    case 'consumer':
      return { [ENV.postsTable]: r.postsTable, [ENV.quarantineTable]: r.quarantineTable, [ENV.ttlDays]: ttlDays };
    case 'aggregator':
      return { [ENV.trendsTable]: r.trendsTable, [ENV.ttlDays]: ttlDays };
    case 'report':
      return {
        [ENV.postsTable]: r.postsTable,
        [ENV.trendsTable]: r.trendsTable,
        // The alerts routes read it (the table exists whether or not the alerts path runs).
        [ENV.alertsTable]: r.alertsTable,
        // How long trend rows live: the report refuses longer ranges.
        [ENV.ttlDays]: ttlDays,
        // The aggregator's tumbling window: the report aligns ranges and caching to it.
        [ENV.windowSeconds]: String(config.aggregator.tumblingWindowInSeconds),
        ...reportAuth(config),
        ...(r.pipelineHealth === undefined ? {} : { [ENV.pipelineHealthCloudWatch]: r.pipelineHealth }),
      };
    case 'alerts': {
      if (r.eventBusName === undefined) throw new Error('the alerts function needs the name of its event bus');
      return {
        [ENV.trendsTable]: r.trendsTable,
        [ENV.ttlDays]: ttlDays,
        [ENV.windowSeconds]: String(config.aggregator.tumblingWindowInSeconds),
        ...alertsEnvironment({ alertsTable: r.alertsTable, eventBusName: r.eventBusName, alerts: config.alerts }),
      };
    }
    case 'ingest': {
      const p = config.producer;
      return {
        [ENV.streamName]: r.streamName,
        [ENV.producerAggregation]: String(p.aggregation),
        [ENV.producerMaxBufferedTimeMs]: String(p.maxBufferedTimeMs),
        [ENV.producerRecordTtlMs]: String(p.recordTtlMs),
        [ENV.producerRecordsPerSecondPerShard]: String(p.rateLimit.recordsPerSecondPerShard),
        [ENV.producerBytesPerSecondPerShard]: String(p.rateLimit.bytesPerSecondPerShard),
      };
    }
  }
}

/**
 * The environment variables of one function.
 *
 * @param resources names of the stack's tables and stream (Pulumi outputs in infra)
 * @example
 * ```ts
 * functionEnvironment(config, 'consumer', { postsTable, trendsTable, quarantineTable, streamName }).TTL_DAYS; // '7'
 * ```
 */
export function functionEnvironment<T>(
  config: StackConfig,
  role: FunctionRole,
  resources: FunctionResources<T>,
): Readonly<Record<string, T | string>> {
  return {
    ...roleVariables(config, role, resources),
    [ENV.serviceName]: role,
    [ENV.metricsNamespace]: METRICS_NAMESPACE,
    [ENV.logLevel]: config.functions.logLevel,
    // The bundles ship source maps: stack traces in the logs point at the TypeScript sources.
    [ENV.nodeOptions]: '--enable-source-maps',
  };
}
