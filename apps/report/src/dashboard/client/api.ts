// Dashboard client: the JSON API, typed by the report's own response types.
import type { AlertsReport } from '../../api/alerts';
import type { ClientConfig } from '../../api/client-config';
import type { HashtagPostsPage } from '../../api/hashtag-posts';
import type { LanguagesReport } from '../../api/languages';
import type { PipelineHealth } from '../../api/pipeline-health';
import type { TrendsReport } from '../../api/trends';
import type { VolumeReport } from '../../api/volume';
import type { ErrorBody } from '../../http/responses';

type Generated<T> = T & { readonly generatedAt: string };

/** Bodies of the API's routes. */
export type TrendsBody = Generated<TrendsReport>;
export type VolumeBody = Generated<VolumeReport>;
export type LanguagesBody = Generated<LanguagesReport>;
export type HashtagPostsBody = Generated<HashtagPostsPage>;
export type AlertsBody = Generated<AlertsReport>;
export type { ClientConfig, PipelineHealth };

/** An API call that failed; `status` 0 when no answer came. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Turns anything thrown into an ApiError. */
export function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(err instanceof Error ? err.message : String(err), 0, null);
}

/** Calls the API, with the bearer token in jwt mode. */
export async function api<T>(path: string, config: ClientConfig | null): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (config?.auth.mode === 'jwt') {
    const token = window.StreamLensAuth.accessToken();
    if (!token) throw new ApiError('sign-in required', 401, null);
    headers['authorization'] = `Bearer ${token}`;
  }
  const res = await fetch(path, { headers, credentials: 'same-origin' });
  const body = (await res.json().catch(() => null)) as unknown;
  if (res.ok && body) return body as T;
  const err = (body as Partial<ErrorBody> | null)?.error;
  throw new ApiError(err?.message || `the server answered HTTP ${res.status}`, res.status, err?.requestId ?? null);
}
