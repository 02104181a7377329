/** A command-line flag with a bad or missing value; the message names the flag. */
export class UsageError extends Error {
  constructor(
    readonly flag: string,
    readonly value: string | undefined,
    problem: string,
  ) {
    super(value === undefined ? `${flag} ${problem}` : `${flag} ${JSON.stringify(value)}: ${problem}`);
    this.name = 'UsageError';
  }
}
