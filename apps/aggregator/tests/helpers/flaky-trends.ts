// Test helper: a trends repository whose first `failures` writes fail, as a DynamoDB write
// does once the repository's own retries have run out.
import type { TrendsRepository } from '@streamlens/repositories';
import type { WindowAggregate } from '@streamlens/schemas';

/** Wraps a repository; the first `failures` putWindow calls throw without writing. */
export class FlakyTrendsRepository implements TrendsRepository {
  attempts = 0;

  constructor(
    private readonly inner: TrendsRepository,
    private failures: number,
  ) {}

  async putWindow(row: WindowAggregate): Promise<void> {
    this.attempts += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      const error = new Error('Rate of requests exceeds the allowed throughput.');
      error.name = 'ProvisionedThroughputExceededException';
      throw error;
    }
    await this.inner.putWindow(row);
  }

  queryWindows(from: Date, to: Date): Promise<WindowAggregate[]> {
    return this.inner.queryWindows(from, to);
  }
}
