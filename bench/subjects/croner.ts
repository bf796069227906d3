import { Cron } from 'croner';
import type { FireLog } from '../fire-log.js';
import type { Subject } from '../subject.js';

/**
 * croner's `new Cron(pattern, fn)`. It does not hand the callback its due time; it plans each
 * run as the first slot after the previous run started (or after its creation), so that is how
 * the due time is computed here, with `slotAfter` (the schedule's next slot strictly after a time).
 */
export function openCroner(
  expression: string,
  slotAfter: (time: number) => number,
  log: FireLog,
): Subject {
  return {
    reportsMissed: false,
    add() {
      const createdAt = Date.now();
      new Cron(expression, (self) => {
        log.record(slotAfter(self.previousRun()?.getTime() ?? createdAt));
      });
    },
  };
}
