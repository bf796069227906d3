import { taskViewSchema, type TaskView } from '../../../shared/schemas/task.js';

let counter = 0;

/**
 * A valid task view as the service sends it (checked with the shared schema, so fixtures can
 * never drift from the contract), with `overrides` applied.
 */
export function taskView(overrides: Partial<TaskView> = {}): TaskView {
  counter++;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return taskViewSchema.parse({
    id,
    name: `Task ${counter}`,
    triggers: [{ type: 'interval', everyMs: 60_000, startAt: '2026-01-01T00:00:00.000Z' }],
    action: { type: 'command', command: 'echo hello' },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    state: 'idle',
    queuePosition: null,
    heldBy: null,
    nextRunAt: null,
    lastExecution: null,
    stats: {
      runs: 0,
      succeeded: 0,
      failed: 0,
      successRate: null,
      p50DurationMs: null,
      p95DurationMs: null,
    },
    ...overrides,
  });
}

/** Tasks keyed by id, as the store holds them. */
export function byId(tasks: TaskView[]): Record<string, TaskView> {
  return Object.fromEntries(tasks.map((task) => [task.id, task]));
}
