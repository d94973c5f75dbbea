/**
 * Serialises a workflow's read-model writes: a deadline recomputation (calendar change) never
 * interleaves with a transition, so versions and deadlines are written in the order decided.
 */
export class Exclusive {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release: () => void = () => undefined;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
