interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces whole-value writes: values submitted while a write is scheduled or running share
 * the next single write of the latest value, and each `submit` settles once a write that
 * contains its value (or a later one) is done.
 */
export class CoalescedWriter<T> {
  private latest: { value: T } | null = null;
  private waiters: Waiter[] = [];
  private scheduled = false;
  private writing = false;

  constructor(private readonly write: (value: T) => void | Promise<void>) {}

  /** Queues `value` as the next content; resolves when it (or a later value) is written. */
  submit(value: T): Promise<void> {
    this.latest = { value };
    const done = new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
    });
    this.schedule();
    return done;
  }

  private schedule(): void {
    if (this.scheduled || this.writing || this.latest === null) return;
    this.scheduled = true;
    // setImmediate lets every call made in the same turn (a bulk change) join one write.
    setImmediate(() => {
      this.scheduled = false;
      void this.run();
    });
  }

  private async run(): Promise<void> {
    const latest = this.latest;
    if (latest === null) return;
    const waiters = this.waiters;
    this.latest = null;
    this.waiters = [];
    this.writing = true;
    try {
      await this.write(latest.value);
      for (const waiter of waiters) waiter.resolve();
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
    } finally {
      this.writing = false;
      // Values submitted during the write go out in the next one.
      this.schedule();
    }
  }
}
