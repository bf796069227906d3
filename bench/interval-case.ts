import { choiceArg, intArg } from './case-args.js';
import { printResult } from './case-result.js';
import { JOBS } from './jobs.js';
import { measureSchedule } from './measure-schedule.js';
import { runCase } from './run-case.js';

// Case 1: 10,000 interval jobs every second. Only the library measured is loaded.
// Usage: interval-case.js <taskdeck|toad-scheduler> <seconds> [maxRunningTasks (taskdeck)]
const EVERY_MS = 1_000;

runCase(async () => {
  const subject = choiceArg(0, 'library', ['taskdeck', 'toad-scheduler'] as const);
  const seconds = intArg(1, 'seconds');
  const maxRunningTasks = subject === 'taskdeck' ? intArg(2, 'maxRunningTasks') : 0;
  const result = await measureSchedule({
    jobs: JOBS,
    seconds,
    firesPerJob: (seconds * 1_000) / EVERY_MS,
    open: async (log) => {
      if (subject === 'taskdeck') {
        const { openTaskdeck } = await import('./subjects/taskdeck.js');
        return openTaskdeck(maxRunningTasks, { type: 'interval', everyMs: EVERY_MS }, log);
      }
      const { openToadScheduler } = await import('./subjects/toad-scheduler.js');
      return openToadScheduler(EVERY_MS, log);
    },
  });
  printResult(result);
});
