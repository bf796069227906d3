import type { Execution } from '../../shared/schemas/execution.js';
import type { SchedulerStatus } from '../../shared/schemas/system.js';
import type { TaskView } from '../../shared/schemas/task.js';
import type { AppState } from '../store/app-state.js';

/** One waiting request with its task (for its position and what holds it). */
export interface QueueEntry {
  execution: Execution;
  task: TaskView | undefined;
  /** The task's place in the queue (its first waiting request's), null when held. */
  position: number | null;
  /** True for the task's first waiting request, the one its view describes. */
  first: boolean;
}

/**
 * Waiting requests in the order they will start: by the service's queue position, then those
 * without one (held by a condition, or waiting for the task's previous run) by arrival.
 */
export function queueEntries(state: Pick<AppState, 'active' | 'tasks'>): QueueEntry[] {
  const seen = new Set<string>();
  const entries = Object.values(state.active)
    .filter((execution) => execution.status === 'queued')
    .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt))
    .map((execution): QueueEntry => {
      const task = state.tasks[execution.taskId];
      const first = !seen.has(execution.taskId);
      seen.add(execution.taskId);
      return {
        execution,
        task,
        position: first ? (task?.queuePosition ?? null) : null,
        first,
      };
    });
  return entries.sort(
    (a, b) =>
      (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) ||
      a.execution.queuedAt.localeCompare(b.execution.queuedAt),
  );
}

/** Why a request waits, in words: what holds it, else the free slot it waits for. */
export function waitReason(entry: QueueEntry, scheduler: SchedulerStatus | null): string {
  if (!entry.first) return 'Waiting behind an earlier run of this task';
  const heldBy = entry.task?.heldBy ?? null;
  if (heldBy !== null) return heldBy.charAt(0).toUpperCase() + heldBy.slice(1);
  if (entry.position === null || scheduler === null) return 'Waiting to start';
  return `Waiting for a free slot (${scheduler.running} of ${scheduler.maxRunningTasks} in use)`;
}
