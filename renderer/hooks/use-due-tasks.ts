import type { TaskView } from '../../shared/schemas/task.js';
import { createDueTasksMemo } from '../dashboard/timeline-plan.js';
import { useAppStore } from './use-app-store.js';
import { useNow } from './use-now.js';

const MINUTE_MS = 60_000;
const dueTasks = createDueTasksMemo();

/**
 * The tasks due in the next 24 hours, soonest first, and the minute that window starts at. The
 * window moves once a minute, and the list is shared by every caller until the tasks change.
 */
export function useDueTasks(): { start: number; due: TaskView[] } {
  const tasks = useAppStore((state) => state.tasks);
  const start = Math.floor(useNow() / MINUTE_MS) * MINUTE_MS;
  return { start, due: dueTasks(tasks, start) };
}
