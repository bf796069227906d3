import { taskDocumentSchema } from '../../../shared/schemas/task.js';
import type { EngineTask } from '../task-definition.js';

/** Fixed id of the hidden housekeeping task. */
export const HOUSEKEEPING_TASK_ID = '00000000-0000-4000-8000-00000000cafe';

/**
 * Taskdeck's own housekeeping (history retention) as a hidden function task through the engine:
 * at start and every hour, lowest priority, never overlapping itself.
 */
export function housekeepingTask(now: number, run: () => Promise<unknown>): EngineTask {
  const document = taskDocumentSchema.parse({
    name: 'Housekeeping',
    priority: -100,
    triggers: [
      { type: 'event', event: 'app.start' },
      { type: 'interval', everyMs: 3_600_000 },
    ],
    action: { type: 'command', command: 'true' },
    overlap: 'skip',
    missedRuns: 'skip',
    notify: 'never',
  });
  return {
    ...document,
    id: HOUSEKEEPING_TASK_ID,
    action: { type: 'function', run },
    savedAt: now,
    hidden: true,
  };
}
