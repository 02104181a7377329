// Loggers for the mapping: one line of JSON per event on stderr, or nothing.
import type { Logger } from './types';

/** A logger that writes one JSON line per entry to stderr, tagged with `name`. */
export function createJsonLogger(name: string, minLevel: 'debug' | 'info' | 'warn' | 'error' = 'info'): Logger {
  const levels = ['debug', 'info', 'warn', 'error'] as const;
  const min = levels.indexOf(minLevel);
  const write = (level: (typeof levels)[number]) => (message: string, fields?: Record<string, unknown>) => {
    if (levels.indexOf(level) < min) return;
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, logger: name, message, ...fields })}\n`,
    );
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
