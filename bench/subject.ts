/** A scheduler library under test, started and ready to take jobs. */
export interface Subject {
  /** Registers job number `job`, whose fires are reported to the case's fire log. */
  add(job: number): void;
  /** Whether the library reports the slots it skips (node-cron does). */
  readonly reportsMissed: boolean;
}
