/** Base class of errors of the local event-source mapping. */
export class EsmError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EsmError';
  }
}

/** A mapping setting is missing or out of AWS's range; the message names the key. */
export class MappingSettingsError extends EsmError {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`mapping setting ${key}: ${reason}`);
    this.name = 'MappingSettingsError';
  }
}

/** A filter pattern is malformed; the message names the filter index and the path in it. */
export class FilterPatternError extends EsmError {
  constructor(
    readonly filterIndex: number,
    readonly path: string,
    reason: string,
  ) {
    super(`filters[${filterIndex}] at ${path || '<root>'}: ${reason}`);
    this.name = 'FilterPatternError';
  }
}

/** A checkpoint or failure file could not be read or written; the message names the file. */
export class EsmStoreError extends EsmError {
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
    this.name = 'EsmStoreError';
  }
}

/** The mapping was used in the wrong state (started twice, stopped before start). */
export class MappingStateError extends EsmError {
  constructor(message: string) {
    super(message);
    this.name = 'MappingStateError';
  }
}

/** The child-process invoker was misconfigured or closed. */
export class InvokerError extends EsmError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvokerError';
  }
}
