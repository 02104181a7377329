// Cold-start configuration of the ingest function, read once from the environment: the stream
// and `streamlens:producer` through @streamlens/config's reader, plus the request limits.
import { EnvironmentReader, readIngestVariables, type EnvSource, type IngestVariables } from '@streamlens/config';

/** Settings of the ingest function. */
export interface IngestConfig extends IngestVariables {
  /** Largest accepted request body in bytes (after base64 decoding). */
  readonly maxBodyBytes: number;
  /** Most lines (NDJSON) or elements (JSON array) per request. */
  readonly maxLines: number;
}

/** Defaults: Function URLs cap payloads at 6 MB; 5 MiB leaves room for base64 and headers. */
export const INGEST_DEFAULTS = { maxBodyBytes: 5 * 1024 * 1024, maxLines: 10_000 } as const;

/**
 * Reads STREAM_NAME and the PRODUCER_* settings (required: the stack sets them), MAX_BODY_BYTES
 * and MAX_LINES (optional).
 *
 * @throws FunctionEnvironmentError naming every missing or malformed variable.
 * @example
 * ```ts
 * const config = readIngestConfig(process.env);
 * ```
 */
export function readIngestConfig(source: EnvSource): IngestConfig {
  const env = new EnvironmentReader(source);
  const unbounded = { min: 1, max: Number.MAX_SAFE_INTEGER };
  const config: IngestConfig = {
    ...readIngestVariables(env),
    maxBodyBytes: env.integer('MAX_BODY_BYTES', unbounded, 'largest request body', INGEST_DEFAULTS.maxBodyBytes),
    maxLines: env.integer('MAX_LINES', unbounded, 'most posts per request', INGEST_DEFAULTS.maxLines),
  };
  env.done();
  return config;
}
