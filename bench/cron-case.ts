import { choiceArg, intArg } from './case-args.js';
import { printResult } from './case-result.js';
import { dailyTwelveHoursAhead, everySecond } from './cron-schedules.js';
import { JOBS } from './jobs.js';
import { measureSchedule } from './measure-schedule.js';
import { runCase } from './run-case.js';
import type { Subject } from './subject.js';

// Case 2 (every second) and case 3 (due tomorrow, idle): 10,000 cron jobs. `none` registers
// nothing and measures what the harness alone costs. Only the library measured is loaded (a
// dynamic import), so no process carries another library's code and memory.
// Usage: cron-case.js <taskdeck|croner|node-cron|none> <every-second|tomorrow> <seconds>

/** Nothing scheduled: the floor every library's figures stand on. */
const harnessAlone: Subject = { reportsMissed: false, add: () => undefined };

runCase(async () => {
  const subject = choiceArg(0, 'library', ['taskdeck', 'croner', 'node-cron', 'none'] as const);
  const which = choiceArg(1, 'schedule', ['every-second', 'tomorrow'] as const);
  const seconds = intArg(2, 'seconds');
  const schedule = which === 'every-second' ? everySecond : dailyTwelveHoursAhead(new Date());
  const result = await measureSchedule({
    jobs: JOBS,
    seconds,
    firesPerJob: schedule.firesPerJob(seconds),
    open: async (log) => {
      switch (subject) {
        case 'taskdeck': {
          const { openTaskdeck } = await import('./subjects/taskdeck.js');
          // No artificial limit: every due job may run at once, as with the peers.
          return openTaskdeck(JOBS, { type: 'cron', expression: schedule.expression }, log);
        }
        case 'croner': {
          const { openCroner } = await import('./subjects/croner.js');
          return openCroner(schedule.expression, schedule.slotAfter, log);
        }
        case 'node-cron': {
          const { openNodeCron } = await import('./subjects/node-cron.js');
          return openNodeCron(schedule.expression, log);
        }
        case 'none':
          return harnessAlone;
      }
    },
  });
  printResult(result);
});
