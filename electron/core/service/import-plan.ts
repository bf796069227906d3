import { TaskdeckError } from '../../../shared/errors.js';
import type { Settings } from '../../../shared/schemas/settings.js';
import type { StoredTask, TaskDocument } from '../../../shared/schemas/task.js';
import type { ExportDocument } from '../../../shared/schemas/transfer.js';
import { checkChains, withStartTimes } from './task-rules.js';

/** What an import will write, decided (and fully validated) before anything changes. */
export interface ImportPlan {
  tasks: StoredTask[];
  /** Settings to adopt: only when replacing, and only if the file has them. */
  settings: Settings | null;
}

/**
 * Plans `tasks.import`. Merge keeps existing tasks and gives an imported task a new id when its
 * id is taken (chains inside the file follow the new ids); replace swaps everything. Throws
 * `invalid_params` naming the first bad field; nothing is applied until the plan is complete.
 */
export function planImport(
  document: ExportDocument,
  mode: 'merge' | 'replace',
  existing: ReadonlyMap<string, StoredTask>,
  now: number,
): ImportPlan {
  const ids = new Map<string, string>();
  const taken = new Set(mode === 'merge' ? existing.keys() : []);
  const assigned = document.tasks.map((task) => {
    const wanted = task.id;
    const id = wanted === undefined || taken.has(wanted) ? crypto.randomUUID() : wanted;
    taken.add(id);
    if (wanted !== undefined && !ids.has(wanted)) ids.set(wanted, id);
    return id;
  });
  const assignedSet = new Set(assigned);
  const known = (id: string) => assignedSet.has(id) || (mode === 'merge' && existing.has(id));
  const stamp = new Date(now).toISOString();
  const tasks = document.tasks.map((task, index): StoredTask => {
    const { id: fileId, createdAt, updatedAt: fileUpdatedAt, ...rest } = task;
    const document: TaskDocument = {
      ...rest,
      triggers: rest.triggers.map((trigger) =>
        trigger.type === 'event' && trigger.taskId !== undefined
          ? { ...trigger, taskId: ids.get(trigger.taskId) ?? trigger.taskId }
          : trigger,
      ),
    };
    const id = assigned[index] as string;
    checkChains(document, id, known, ['document', 'tasks', index]);
    return {
      ...withStartTimes(document, now),
      id,
      createdAt: createdAt ?? stamp,
      updatedAt: stamp,
      completedAt: null,
    };
  });
  if (
    tasks.length === 0 &&
    mode === 'replace' &&
    existing.size > 0 &&
    document.settings === undefined
  ) {
    // An empty file would silently delete everything; make the person say so with a real file.
    throw new TaskdeckError(
      'invalid_params',
      'document.tasks: Replacing with an empty file would remove every task',
      [
        {
          path: ['document', 'tasks'],
          message: 'Replacing with an empty file would remove every task',
        },
      ],
    );
  }
  return { tasks, settings: mode === 'replace' ? (document.settings ?? null) : null };
}
