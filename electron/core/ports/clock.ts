/** Cancels a timer set with `Clock.setTimer`; calling it twice is harmless. */
export type CancelTimer = () => void;

/**
 * The engine's only source of time. `now()` is the wall clock (ms since the epoch, it can jump);
 * `setTimer` waits real elapsed time, like `setTimeout`. Tests inject a fake one.
 */
export interface Clock {
  now(): number;
  setTimer(ms: number, fn: () => void): CancelTimer;
  /** The system's IANA time zone right now (cron triggers without a zone follow it). */
  timeZone(): string;
}
