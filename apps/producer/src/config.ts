// Cold-start configuration of the ingest function, read once from the environment.
import { ConfigError } from './errors';

/** Settings of the ingest function. */
export interface IngestConfig {
  readonly streamName: string;
  /** Largest accepted request body in bytes (after base64 decoding). */
  readonly maxBodyBytes: number;
  /** Most lines (NDJSON) or elements (JSON array) per request. */
  readonly maxLines: number;
}

/** Defaults: Function URLs cap payloads at 6 MB; 5 MiB leaves room for base64 and headers. */
export const INGEST_DEFAULTS = { maxBodyBytes: 5 * 1024 * 1024, maxLines: 10_000 } as const;

function positiveInt(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new ConfigError(name, `must be a positive integer, got "${raw}"`);
  return n;
}

/**
 * Reads STREAM_NAME (required), MAX_BODY_BYTES and MAX_LINES (optional).
 *
 * @throws ConfigError naming the variable.
 */
export function readIngestConfig(env: Readonly<Record<string, string | undefined>>): IngestConfig {
  const streamName = env['STREAM_NAME'];
  if (!streamName) throw new ConfigError('STREAM_NAME', 'is required: the name of the Kinesis stream to put posts on');
  return {
    streamName,
    maxBodyBytes: positiveInt(env, 'MAX_BODY_BYTES', INGEST_DEFAULTS.maxBodyBytes),
    maxLines: positiveInt(env, 'MAX_LINES', INGEST_DEFAULTS.maxLines),
  };
}
