// Closes what the local stack's steps started, last started first.

/** Closes what the steps started, last started first; `drain: false` (a second Ctrl-C) abandons in-flight work. */
export class Closers {
  private readonly list: Array<(drain: boolean) => Promise<void>> = [];

  add(close: (drain: boolean) => Promise<void>): void {
    this.list.push(close);
  }

  async closeAll(drain = true): Promise<void> {
    for (const close of this.list.splice(0).reverse()) await close(drain).catch(() => undefined);
  }
}
