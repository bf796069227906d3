import { schedule } from 'node-cron';
import type { FireLog } from '../fire-log.js';
import type { Subject } from '../subject.js';

/**
 * node-cron's `schedule(pattern, fn)`. Its callback's context carries the slot it runs
 * (`ctx.date`), and it emits `execution:missed` for the slots it skips when it runs late; both
 * are logged (listening also keeps it from printing a warning per missed slot).
 */
export function openNodeCron(expression: string, log: FireLog): Subject {
  return {
    reportsMissed: true,
    add() {
      const task = schedule(expression, (ctx) => {
        log.record(ctx.date.getTime());
      });
      task.on('execution:missed', (ctx) => {
        log.recordMissed(ctx.date.getTime());
      });
    },
  };
}
