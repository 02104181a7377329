// Pure parts of the function concern: where a bundle lives, what environment every handler
// reads, the log group name Lambda writes to, and the sizing checks.
import * as path from 'node:path';
import { ARCHITECTURES, LOG_RETENTION_DAYS, RUNTIMES } from '@streamlens/config';
import { METRICS_NAMESPACE } from './constants';
import type { ArgsContext } from './validate';
import { fail, requireInt, requireOneOf } from './validate';

/** Sizing and runtime of one function. */
export interface FunctionSizingArgs {
  readonly runtime: string;
  readonly architecture: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly logRetentionDays: number;
}

/** Checks sizing against Lambda's and CloudWatch Logs' limits; returns it unchanged. */
export function validateSizing(ctx: ArgsContext, sizing: FunctionSizingArgs): FunctionSizingArgs {
  // The allowed lists are the config schema's, so component checks and config cannot drift.
  requireOneOf(ctx, 'runtime', sizing.runtime, RUNTIMES);
  requireOneOf(ctx, 'architecture', sizing.architecture, ARCHITECTURES);
  requireInt(ctx, 'memoryMb', sizing.memoryMb, 128, 10_240);
  requireInt(ctx, 'timeoutSeconds', sizing.timeoutSeconds, 1, 900);
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(sizing.logRetentionDays)) {
    fail(ctx, 'logRetentionDays', `must be one of ${LOG_RETENTION_DAYS.join(', ')}`, sizing.logRetentionDays);
  }
  return sizing;
}

/** Directory of an app's bundle: `<repoRoot>/dist/apps/<app>` (holds main.cjs). */
export function bundleDirectory(repoRoot: string, app: string): string {
  return path.join(repoRoot, 'dist', 'apps', app);
}

/** The log group Lambda writes a function's logs to. */
export function lambdaLogGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/** Names and settings every handler reads from its environment. */
export interface HandlerEnvironment<T> {
  readonly service: string;
  readonly postsTable: T;
  readonly trendsTable: T;
  readonly quarantineTable: T;
  readonly streamName: T;
  readonly logLevel: string;
  readonly ttlDays: number;
  /** The aggregator's tumbling window; the report aligns ranges and caching to it. */
  readonly windowSeconds: number;
  /** How the report page authenticates its API calls (jwt: OIDC sign-in with PKCE). */
  readonly reportAuth: {
    readonly access: 'iam' | 'jwt' | 'public';
    readonly issuer?: string;
    readonly audience?: readonly string[];
    /** Scopes the API requires; the page asks for them (with openid) at sign-in. */
    readonly scopes?: readonly string[];
  };
}

/**
 * The environment variables of a handler. Every function gets the same set (names are not
 * secrets and one shape keeps the handlers' env readers uniform); IAM decides what each may touch.
 *
 * @example
 * ```ts
 * handlerEnvironment({ service: 'consumer', postsTable: 'p', trendsTable: 't',
 *   quarantineTable: 'q', streamName: 's', logLevel: 'INFO', ttlDays: 7,
 *   windowSeconds: 30, reportAuth: { access: 'iam' } }).POSTS_TABLE; // 'p'
 * ```
 */
export function handlerEnvironment<T>(env: HandlerEnvironment<T>): Record<string, T | string> {
  return {
    POSTS_TABLE: env.postsTable,
    TRENDS_TABLE: env.trendsTable,
    QUARANTINE_TABLE: env.quarantineTable,
    STREAM_NAME: env.streamName,
    POWERTOOLS_SERVICE_NAME: env.service,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    POWERTOOLS_LOG_LEVEL: env.logLevel,
    TTL_DAYS: String(env.ttlDays),
    WINDOW_SECONDS: String(env.windowSeconds),
    REPORT_AUTH: env.reportAuth.access,
    // In jwt mode the page signs in against the issuer; the first audience is the app client id
    // (Cognito, Entra ID and Okta put the client id in `aud`).
    ...(env.reportAuth.access === 'jwt' && env.reportAuth.issuer
      ? {
          OIDC_ISSUER: env.reportAuth.issuer,
          OIDC_AUDIENCE: (env.reportAuth.audience ?? []).join(','),
          OIDC_CLIENT_ID: env.reportAuth.audience?.[0] ?? '',
          OIDC_SCOPE: ['openid', ...(env.reportAuth.scopes ?? [])].join(' '),
        }
      : {}),
    // The bundles ship source maps: stack traces in the logs point at the TypeScript sources.
    NODE_OPTIONS: '--enable-source-maps',
  };
}
