import { choiceArg, intArg } from './case-args.js';
import { printResult } from './case-result.js';
import { dailyTwelveHoursAhead, everySecond } from './cron-schedules.js';
import { JOBS } from './jobs.js';
import { measureSchedule } from './measure-schedule.js';
import { runCase } from './run-case.js';
import type { Subject } from './subject.js';
import { openCroner } from './subjects/croner.js';
import { openNodeCron } from './subjects/node-cron.js';
import { openTaskdeck } from './subjects/taskdeck.js';

// Case 2 (every second) and case 3 (due tomorrow, idle): 10,000 cron jobs. `none` registers
// nothing and measures what the harness alone costs.
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
        case 'taskdeck':
          // No artificial limit: every due job may run at once, as with the peers.
          return openTaskdeck(JOBS, { type: 'cron', expression: schedule.expression }, log);
        case 'croner':
          return openCroner(schedule.expression, schedule.slotAfter, log);
        case 'node-cron':
          return openNodeCron(schedule.expression, log);
        case 'none':
          return harnessAlone;
      }
    },
  });
  printResult(result);
});
