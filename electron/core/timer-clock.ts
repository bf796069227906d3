import { systemTimeZone } from '../../shared/time-zone.js';
import type { CancelTimer, Clock } from './ports/clock.js';

/**
 * The real clock: `Date.now()` and `setTimeout`. Timers are unref'd so a scheduler alone never
 * keeps a process alive; hosts keep themselves alive with their servers.
 */
export const timerClock: Clock = {
  now: () => Date.now(),
  setTimer(ms: number, fn: () => void): CancelTimer {
    const handle = setTimeout(fn, Math.max(0, ms));
    if (typeof handle === 'object' && 'unref' in handle) handle.unref();
    return () => {
      clearTimeout(handle);
    };
  },
  timeZone: systemTimeZone,
};
