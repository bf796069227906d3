import type { TaskView } from '../../shared/schemas/task.js';
import type { AppState } from './app-state.js';

// The tasks object is replaced whenever a task changes, so what is read from one stays true.
const values = new WeakMap<Record<string, TaskView>, TaskView[]>();

/**
 * The tasks as an array, read once per tasks object: the count shown in several places, the
 * list's query and its tags share one pass over ten thousand tasks instead of one per store
 * change and component.
 */
export function taskValues(tasks: Record<string, TaskView>): TaskView[] {
  let list = values.get(tasks);
  if (list === undefined) {
    list = Object.values(tasks);
    values.set(tasks, list);
  }
  return list;
}

/** How many tasks there are (a selector). */
export function selectTaskCount(state: AppState): number {
  return taskValues(state.tasks).length;
}
