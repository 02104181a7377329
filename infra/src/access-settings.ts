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
 * accessPlan(ctx, 'jwt', { issuer: 'https://idp.example.com', audience: ['report'] });
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
  return { mode: checked, jwt };
}

/** The warning logged when a function is exposed without authentication. */
export function publicAccessWarning(name: string): string {
  return `${name}: function URL is PUBLIC (authorizationType NONE) because the stack config asks for it; anyone with the URL can call it`;
}
