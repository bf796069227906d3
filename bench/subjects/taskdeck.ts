import { createScheduler, type LibraryTaskInput } from 'taskdeck/core';
import type { FireLog } from '../fire-log.js';
import type { Subject } from '../subject.js';

/** A trigger as the library takes it. */
export type TaskdeckTrigger = LibraryTaskInput['triggers'][number];

/**
 * Taskdeck's engine through its library API (`taskdeck/core`): one function task per job, each
 * fire logged against the due time the engine hands it (`ctx.scheduledAt`).
 */
export async function openTaskdeck(
  maxRunningTasks: number,
  trigger: TaskdeckTrigger,
  log: FireLog,
): Promise<Subject> {
  const scheduler = createScheduler({ maxRunningTasks });
  await scheduler.start();
  return {
    reportsMissed: false,
    add(job) {
      scheduler.addTask({
        name: `job ${job}`,
        triggers: [trigger],
        action: {
          type: 'function',
          run: (ctx) => {
            log.record(ctx.scheduledAt);
          },
        },
      });
    },
  };
}
