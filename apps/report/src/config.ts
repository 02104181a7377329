// Cold-start configuration of the report function, read once from the environment.
import { ConfigError } from './errors';

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
  /** Days rows are kept (the tables' TTL): longer ranges are refused. */
  readonly retentionDays: number;
  readonly auth: AuthSettings;
  /** Where /api/v1/pipeline reads pipeline health (the local stack serves it); absent: 503. */
  readonly pipelineHealthUrl?: string;
}

/** Defaults: the dev stack's 30 s windows and a 30-day retention. */
export const REPORT_DEFAULTS = { windowSeconds: 30, retentionDays: 30, scope: 'openid' } as const;

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string, what: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(name, `is required: ${what}`);
  return value.trim();
}

function positiveNumber(env: Env, name: string, fallback: number, options: { integer: boolean; max: number }): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  const ok = Number.isFinite(n) && n > 0 && n <= options.max && (!options.integer || Number.isInteger(n));
  if (!ok)
    throw new ConfigError(
      name,
      `must be a positive ${options.integer ? 'integer' : 'number'} up to ${options.max}, got "${raw}"`,
    );
  return n;
}

// https only, except loopback (a local IdP in development and tests).
function issuerUrl(env: Env): string {
  const raw = required(env, 'OIDC_ISSUER', 'the OpenID Connect issuer URL when REPORT_AUTH=jwt');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('OIDC_ISSUER', `must be an absolute URL, got "${raw}"`);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError('OIDC_ISSUER', `must be an https URL (http only on loopback), got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

function readAuth(env: Env): AuthSettings {
  const mode = (env['REPORT_AUTH'] ?? '').trim() || AUTH_MODES.iam;
  if (mode === AUTH_MODES.iam || mode === AUTH_MODES.public) return { mode };
  if (mode !== AUTH_MODES.jwt)
    throw new ConfigError('REPORT_AUTH', `must be one of ${Object.values(AUTH_MODES).join(', ')}, got "${mode}"`);
  const audience = env['OIDC_AUDIENCE']?.trim();
  return {
    mode,
    oidc: {
      issuer: issuerUrl(env),
      clientId: required(env, 'OIDC_CLIENT_ID', 'the public OIDC client id of the dashboard when REPORT_AUTH=jwt'),
      ...(audience ? { audience } : {}),
      scope: env['OIDC_SCOPE']?.trim() || REPORT_DEFAULTS.scope,
    },
  };
}

/**
 * Reads TRENDS_TABLE and POSTS_TABLE (required), ALERTS_TABLE, ALERTS_LIVE_PATH, WINDOW_SECONDS, RETENTION_DAYS (falling back
 * to TTL_DAYS, which infra sets for every function), REPORT_AUTH and, in jwt mode,
 * OIDC_ISSUER, OIDC_CLIENT_ID (required), OIDC_AUDIENCE and OIDC_SCOPE.
 *
 * @throws ConfigError naming the variable.
 * @example
 * ```ts
 * const config = readReportConfig(process.env);
 * ```
 */
export function readReportConfig(env: Env): ReportConfig {
  const retentionVar =
    env['RETENTION_DAYS'] !== undefined && env['RETENTION_DAYS'] !== '' ? 'RETENTION_DAYS' : 'TTL_DAYS';
  return {
    trendsTable: required(env, 'TRENDS_TABLE', 'the name of the DynamoDB trends table'),
    postsTable: required(env, 'POSTS_TABLE', 'the name of the DynamoDB posts table'),
    ...(env['ALERTS_TABLE']?.trim() ? { alertsTable: env['ALERTS_TABLE'].trim() } : {}),
    ...(env['ALERTS_LIVE_PATH']?.trim() ? { alertsLivePath: env['ALERTS_LIVE_PATH'].trim() } : {}),
    windowSeconds: positiveNumber(env, 'WINDOW_SECONDS', REPORT_DEFAULTS.windowSeconds, { integer: true, max: 900 }),
    retentionDays: positiveNumber(env, retentionVar, REPORT_DEFAULTS.retentionDays, { integer: false, max: 400 }),
    auth: readAuth(env),
    ...optionalHttpUrl(env, 'PIPELINE_HEALTH_URL'),
  };
}

function optionalHttpUrl(env: Env, name: 'PIPELINE_HEALTH_URL'): { pipelineHealthUrl?: string } {
  const raw = env[name]?.trim();
  if (!raw) return {};
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an http(s) URL, got ${JSON.stringify(raw.slice(0, 100))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(name, `must be an http(s) URL, got ${JSON.stringify(raw.slice(0, 100))}`);
  return { pipelineHealthUrl: url.toString() };
}
