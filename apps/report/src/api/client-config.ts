// Report flow, API: what the dashboard needs to know before its first data request.
import type { ReportConfig } from '../config';
import { DEFAULT_RANGE, RANGE_PRESETS, type RangePreset } from './time-range';

/** Body of GET /api/v1/config. */
export interface ClientConfig {
  readonly auth:
    | { readonly mode: 'iam' | 'public' }
    | {
        readonly mode: 'jwt';
        readonly issuer: string;
        readonly clientId: string;
        readonly audience: string | null;
        readonly scope: string;
      };
  readonly windowSeconds: number;
  readonly retentionDays: number;
  readonly ranges: readonly RangePreset[];
  readonly defaultRange: RangePreset;
  /** Trend alerts: whether the deployment stores them, and a live feed of new ones (local stack only). */
  readonly alerts: { readonly available: boolean; readonly livePath: string | null };
}

/**
 * The dashboard's configuration (no secrets: the OIDC client is public, PKCE replaces a secret).
 *
 * @example
 * ```ts
 * clientConfig(readReportConfig(process.env)).auth.mode; // 'iam'
 * ```
 */
export function clientConfig(
  config: Pick<ReportConfig, 'windowSeconds' | 'retentionDays' | 'auth'>,
  alerts: ClientConfig['alerts'] = { available: false, livePath: null },
): ClientConfig {
  const auth: ClientConfig['auth'] =
    config.auth.mode === 'jwt'
      ? {
          mode: 'jwt',
          issuer: config.auth.oidc.issuer,
          clientId: config.auth.oidc.clientId,
          audience: config.auth.oidc.audience ?? null,
          scope: config.auth.oidc.scope,
        }
      : { mode: config.auth.mode };
  return {
    auth,
    windowSeconds: config.windowSeconds,
    retentionDays: config.retentionDays,
    ranges: Object.keys(RANGE_PRESETS) as RangePreset[],
    defaultRange: DEFAULT_RANGE,
    alerts,
  };
}
