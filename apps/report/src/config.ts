// Cold-start configuration of the report function, read once from the environment: the stack's
// variables through @streamlens/config's reader, plus the OIDC scope knob.
import {
  EnvironmentReader,
  readPipelineHealthSettings,
  readReportVariables,
  type EnvSource,
  type PipelineHealthSettings,
} from '@streamlens/config';

/** How callers reach the report: the function does no auth itself, infra puts it in front. */
export const AUTH_MODES = { iam: 'iam', jwt: 'jwt', public: 'public' } as const;

/** An access mode. */
export type AuthMode = (typeof AUTH_MODES)[keyof typeof AUTH_MODES];

/** The OpenID Connect client the dashboard signs in with (jwt mode). */
export interface OidcSettings {
  /** Issuer URL; endpoints come from `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  /** Public client id (authorization code + PKCE, no secret). */
  readonly clientId: string;
  /** Audience the API's JWT authorizer expects, sent as `audience` to IdPs that use it. */
  readonly audience?: string;
  /** Scopes requested (default "openid"). */
  readonly scope: string;
}

/** Access settings. */
export type AuthSettings = { readonly mode: 'iam' | 'public' } | { readonly mode: 'jwt'; readonly oidc: OidcSettings };

/** Settings of the report function. */
export interface ReportConfig {
  readonly trendsTable: string;
  readonly postsTable: string;
  /** The alerts table; absent when the stack has no alerts path (the alerts routes then 404). */
  readonly alertsTable?: string;
  /** Path of a live feed of new alerts served beside the function (the local stack sets it). */
  readonly alertsLivePath?: string;
  /** Tumbling window length of the aggregator, in seconds (1–900). */
  readonly windowSeconds: number;
  /** Days trend rows are kept (TTL_DAYS, the tables' TTL): longer ranges are refused. */
  readonly retentionDays: number;
  readonly auth: AuthSettings;
  /** Where /api/v1/pipeline reads pipeline health (the local stack serves it); absent: 503. */
  readonly pipelineHealthUrl?: string;
  /** What CloudWatch measures (PIPELINE_HEALTH_CLOUDWATCH, a deployed stack sets it); absent: none. */
  readonly cloudWatchHealth?: PipelineHealthSettings;
}

/**
 * Reads TRENDS_TABLE, POSTS_TABLE, TTL_DAYS, WINDOW_SECONDS and REPORT_AUTH (required: the stack
 * sets them), in jwt mode OIDC_ISSUER, OIDC_CLIENT_ID (required), OIDC_AUDIENCE and OIDC_SCOPE,
 * and ALERTS_TABLE, ALERTS_LIVE_PATH (the local stack's feed) and the pipeline-health source
 * (optional, at most one): PIPELINE_HEALTH_URL (the local stack) or PIPELINE_HEALTH_CLOUDWATCH.
 *
 * @throws FunctionEnvironmentError naming every missing or malformed variable.
 * @example
 * ```ts
 * const config = readReportConfig(process.env);
 * ```
 */
export function readReportConfig(source: EnvSource): ReportConfig {
  const env = new EnvironmentReader(source);
  const vars = readReportVariables(env);
  const pipelineHealthUrl = optionalHttpUrl(env, 'PIPELINE_HEALTH_URL');
  const alertsLivePath = env.optional('ALERTS_LIVE_PATH');
  const cloudWatchHealth = readPipelineHealthSettings(env);
  if (pipelineHealthUrl && cloudWatchHealth)
    env.fail('PIPELINE_HEALTH_URL', 'is set together with PIPELINE_HEALTH_CLOUDWATCH: a deployment has one source');
  env.done();
  const auth = vars.auth;
  return {
    trendsTable: vars.trendsTable,
    postsTable: vars.postsTable,
    ...(vars.alertsTable ? { alertsTable: vars.alertsTable } : {}),
    ...(alertsLivePath ? { alertsLivePath } : {}),
    windowSeconds: vars.windowSeconds,
    retentionDays: vars.ttlDays,
    auth:
      auth.access === 'jwt'
        ? {
            mode: 'jwt',
            oidc: {
              issuer: auth.issuer,
              clientId: auth.clientId,
              ...(auth.audience ? { audience: auth.audience } : {}),
              scope: auth.scope,
            },
          }
        : { mode: auth.access },
    ...(pipelineHealthUrl ? { pipelineHealthUrl } : {}),
    ...(cloudWatchHealth ? { cloudWatchHealth } : {}),
  };
}

function optionalHttpUrl(env: EnvironmentReader, name: string): string | undefined {
  const raw = env.optional(name);
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:')) return url.toString();
  env.fail(name, `must be an http(s) URL, got ${JSON.stringify(raw.slice(0, 100))}`);
  return undefined;
}
