import { TaskdeckError } from '../../../shared/errors.js';
import type { TaskDocument } from '../../../shared/schemas/task.js';

/**
 * Chained triggers must name an existing task, and never the task itself (it would run in a
 * loop). Throws `invalid_params` naming the trigger's `taskId`.
 */
export function checkChains(
  document: TaskDocument,
  ownId: string,
  exists: (id: string) => boolean,
  prefix: (string | number)[] = [],
): void {
  document.triggers.forEach((trigger, index) => {
    if (trigger.type !== 'event' || trigger.taskId === undefined) return;
    const path = [...prefix, 'triggers', index, 'taskId'];
    const message =
      trigger.taskId === ownId
        ? 'A task cannot follow itself'
        : exists(trigger.taskId)
          ? null
          : 'No task with this id';
    if (message !== null) {
      throw new TaskdeckError('invalid_params', `${path.join('.')}: ${message}`, [
        { path, message },
      ]);
    }
  });
}

/**
 * Interval triggers without `startAt` count from the moment they are saved; writing that moment
 * down keeps the grid the same across restarts.
 */
export function withStartTimes(document: TaskDocument, savedAt: number): TaskDocument {
  if (
    !document.triggers.some(
      (trigger) => trigger.type === 'interval' && trigger.startAt === undefined,
    )
  )
    return document;
  const startAt = new Date(savedAt).toISOString();
  return {
    ...document,
    triggers: document.triggers.map((trigger) =>
      trigger.type === 'interval' && trigger.startAt === undefined
        ? { ...trigger, startAt }
        : trigger,
    ),
  };
}
