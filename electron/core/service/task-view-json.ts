import type { StoredTask, TaskStats } from '../../../shared/schemas/task.js';
import { toTaskViewLive, type LiveTaskInfo } from './wire-views.js';

/**
 * Task views as JSON text, exactly what `JSON.stringify(toTaskView(task, live, stats))` writes,
 * without building the views. A stored task is replaced, never changed, when it is edited, so
 * its text is written once and kept as long as the task is: listing 10,000 tasks is then mostly
 * joining kept text rather than serialising 9 MB of objects again for every window that opens.
 */
export class TaskViewJson {
  private readonly stored = new WeakMap<StoredTask, string>();

  /** The view's JSON text. */
  text(task: StoredTask, live: LiveTaskInfo, stats: TaskStats): string {
    let head = this.stored.get(task);
    if (head === undefined) {
      // Without its closing brace: the live fields continue the same object, as in the view.
      head = JSON.stringify(task).slice(0, -1);
      this.stored.set(task, head);
    }
    return `${head},${JSON.stringify(toTaskViewLive(live, stats)).slice(1)}`;
  }
}
