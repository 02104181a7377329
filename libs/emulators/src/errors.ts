/** Base class of emulator lifecycle errors. */
export class EmulatorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmulatorError';
  }
}

/** The emulator could not listen on the requested port (usually: the port is in use). */
export class EmulatorPortError extends EmulatorError {
  constructor(
    readonly emulator: string,
    readonly port: number,
    cause: unknown,
  ) {
    super(
      `${emulator} could not listen on 127.0.0.1:${port}: ${(cause as Error)?.message ?? String(cause)}` +
        ' (is another process using the port? pick another with --ports or leave it 0 for a free one)',
      { cause },
    );
    this.name = 'EmulatorPortError';
  }
}

/** A resource (stream, table) did not become ACTIVE in time. */
export class EmulatorReadinessError extends EmulatorError {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorReadinessError';
  }
}
