import type { ApiEvent } from '../../shared/api.js';
import type { ExecutionStatus } from '../../shared/schemas/execution.js';
import type { SchedulerStatus } from '../../shared/schemas/system.js';
import type { TaskState, TaskView } from '../../shared/schemas/task.js';

/** A task as the tray needs it. */
export interface TrayTask {
  id: string;
  name: string;
  state: TaskState;
}

/** A failed run the person has not looked at yet. */
export interface TrayFailure {
  executionId: string;
  taskId: string;
  taskName: string;
  status: ExecutionStatus;
}

/** Everything the tray shows, as a plain value. */
export interface TraySnapshot {
  tasks: TrayTask[];
  paused: boolean;
  running: number;
  queued: number;
  /** Newest first, at most `MAX_FAILURES`. */
  failures: TrayFailure[];
}

/** How many unseen failures the tray remembers. */
export const MAX_FAILURES = 5;

const FAILED: readonly ExecutionStatus[] = ['failed', 'timed-out'];

/**
 * The tray's view of the service, kept from its event batches so nothing is re-read per
 * change: tasks (name and state), the scheduler's counts, and failed runs nobody has seen
 * (cleared by `acknowledge`, when the window is looked at).
 */
export class TrayStatus {
  private readonly tasks = new Map<string, TrayTask>();
  private paused: boolean;
  private running: number;
  private queued: number;
  private failures: TrayFailure[] = [];

  constructor(tasks: readonly TaskView[], scheduler: SchedulerStatus) {
    for (const task of tasks) this.tasks.set(task.id, pick(task));
    this.paused = scheduler.paused;
    this.running = scheduler.running;
    this.queued = scheduler.queued;
  }

  /** Applies one batch of service events. */
  apply(batch: readonly ApiEvent[]): void {
    for (const event of batch) {
      switch (event.type) {
        case 'task.changed':
          this.tasks.set(event.data.id, pick(event.data));
          break;
        case 'task.removed':
          this.tasks.delete(event.data.id);
          this.failures = this.failures.filter((f) => f.taskId !== event.data.id);
          break;
        case 'scheduler.changed':
          this.paused = event.data.paused;
          this.running = event.data.running;
          this.queued = event.data.queued;
          break;
        case 'execution.changed': {
          const run = event.data;
          if (!FAILED.includes(run.status) || this.failures.some((f) => f.executionId === run.id))
            break;
          this.failures = [
            { executionId: run.id, taskId: run.taskId, taskName: run.taskName, status: run.status },
            ...this.failures,
          ].slice(0, MAX_FAILURES);
          break;
        }
        default:
          break;
      }
    }
  }

  /** The person has seen the window: failures are no longer news. */
  acknowledge(): void {
    this.failures = [];
  }

  /** The current state as a plain value (tasks in the order they became known). */
  snapshot(): TraySnapshot {
    return {
      tasks: [...this.tasks.values()],
      paused: this.paused,
      running: this.running,
      queued: this.queued,
      failures: [...this.failures],
    };
  }
}

function pick(task: TaskView): TrayTask {
  return { id: task.id, name: task.name, state: task.state };
}
