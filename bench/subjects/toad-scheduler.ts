import { AsyncTask, SimpleIntervalJob, ToadScheduler } from 'toad-scheduler';
import type { FireLog } from '../fire-log.js';
import type { Subject } from '../subject.js';
import { wallNow } from '../wall-clock.js';

/**
 * toad-scheduler's interval jobs (`SimpleIntervalJob` running an `AsyncTask`, as its README
 * shows). It does not say when a run was due, so the k-th fire of a job is taken as due k
 * periods after the job was added — the same rule Taskdeck's intervals follow.
 */
export function openToadScheduler(everyMs: number, log: FireLog): Subject {
  const scheduler = new ToadScheduler();
  return {
    reportsMissed: false,
    add(job) {
      const addedAt = wallNow();
      let fires = 0;
      const task = new AsyncTask(`job ${job}`, () => {
        fires++;
        log.record(addedAt + fires * everyMs);
        return Promise.resolve();
      });
      scheduler.addSimpleIntervalJob(new SimpleIntervalJob({ milliseconds: everyMs }, task));
    },
  };
}
