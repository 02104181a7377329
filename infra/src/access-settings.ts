// Pure checks and plans of the HTTP access modes of a function.
import type { ArgsContext } from './validate';
import { fail, requireOneOf } from './validate';

/** How callers reach a function over HTTP. */
export const ACCESS_MODES = ['iam', 'jwt', 'public'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

/** JWT authorizer settings. */
export interface JwtArgs {
  readonly issuer: string;
  readonly audience: readonly string[];
  /** Scopes the data routes require (any one of them); at least one. */
  readonly scopes: readonly string[];
}

/** Access args after validation. */
export type AccessPlan =
  | { readonly mode: 'iam'; readonly functionUrlAuth: 'AWS_IAM' }
  | { readonly mode: 'public'; readonly functionUrlAuth: 'NONE' }
  | { readonly mode: 'jwt'; readonly jwt: JwtArgs };

/**
 * Validates the mode and its settings.
 *
 * @example
 * ```ts
 * accessPlan(ctx, 'jwt', { issuer: 'https://idp.example.com', audience: ['report'], scopes: ['report.read'] });
 * ```
 */
export function accessPlan(ctx: ArgsContext, mode: string, jwt?: JwtArgs): AccessPlan {
  const checked = requireOneOf(ctx, 'mode', mode, ACCESS_MODES);
  if (checked === 'iam') return { mode: checked, functionUrlAuth: 'AWS_IAM' };
  if (checked === 'public') return { mode: checked, functionUrlAuth: 'NONE' };
  if (!jwt) return fail(ctx, 'jwt', 'is required when mode is jwt');
  let url: URL | undefined;
  try {
    url = new URL(jwt.issuer);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:') fail(ctx, 'jwt.issuer', 'must be an https URL', jwt.issuer);
  if (jwt.audience.length === 0 || jwt.audience.some((a) => a.trim() === '')) {
    fail(ctx, 'jwt.audience', 'must list at least one non-empty audience', jwt.audience);
  }
  if (jwt.scopes.length === 0 || jwt.scopes.some((scope) => !/^\S+$/.test(scope))) {
    fail(ctx, 'jwt.scopes', 'must list at least one scope without spaces', jwt.scopes);
  }
  return { mode: checked, jwt };
}

/** The warning logged when a function is exposed without authentication. */
export function publicAccessWarning(name: string): string {
  return `${name}: function URL is PUBLIC (authorizationType NONE) because the stack config asks for it; anyone with the URL can call it`;
}

/**
 * The HTTP API's access-log line (JSON, one per request): who called which route, the result, and
 * why the JWT authorizer refused a request.
 */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  subject: '$context.authorizer.claims.sub',
});
