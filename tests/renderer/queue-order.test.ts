import { describe, expect, it } from 'vitest';
import { executionSchema, type Execution } from '../../shared/schemas/execution.js';
import type { SchedulerStatus } from '../../shared/schemas/system.js';
import type { TaskView } from '../../shared/schemas/task.js';
import { queueEntries, waitReason } from '../../renderer/dashboard/queue-order.js';
import { byId, taskView } from './support/task-view.js';

let counter = 0;
function queued(
  task: TaskView,
  queuedAt: string,
  status: Execution['status'] = 'queued',
): Execution {
  counter++;
  const id = `30000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return executionSchema.parse({
    id,
    taskId: task.id,
    taskName: task.name,
    attempt: 1,
    firstExecutionId: id,
    trigger: { type: 'cron', detail: 'cron' },
    status,
    queuedAt,
    startedAt: status === 'running' ? queuedAt : null,
    endedAt: null,
    durationMs: null,
    exitCode: null,
    signal: null,
    error: null,
    outputBytes: 0,
    result: null,
    resources: { cpuTimeMs: null, cpuAvgPercent: null, cpuPeakPercent: null, rssPeakBytes: null },
  });
}

const scheduler: SchedulerStatus = {
  paused: false,
  running: 2,
  queued: 4,
  maxRunningTasks: 2,
  startedAt: '2026-03-01T09:00:00.000Z',
};

describe('the queue on the dashboard', () => {
  it('orders by the service’s positions, then held requests by arrival; running ones are not in it', () => {
    const low = taskView({ name: 'Low', state: 'queued', queuePosition: 2 });
    const high = taskView({ name: 'High', state: 'queued', queuePosition: 1 });
    const held = taskView({ name: 'Held', state: 'queued', heldBy: 'waiting for AC power' });
    const busy = taskView({ name: 'Busy', state: 'running' });
    const executions = [
      queued(low, '2026-03-01T10:00:00.000Z'),
      queued(held, '2026-03-01T09:59:00.000Z'),
      queued(high, '2026-03-01T10:00:05.000Z'),
      queued(busy, '2026-03-01T09:00:00.000Z', 'running'),
    ];
    const entries = queueEntries({
      active: Object.fromEntries(executions.map((execution) => [execution.id, execution])),
      tasks: byId([low, high, held, busy]),
    });
    expect(entries.map((entry) => [entry.task?.name, entry.position])).toEqual([
      ['High', 1],
      ['Low', 2],
      ['Held', null],
    ]);
    expect(entries.map((entry) => waitReason(entry, scheduler))).toEqual([
      'Waiting for a free slot (2 of 2 in use)',
      'Waiting for a free slot (2 of 2 in use)',
      'Waiting for AC power',
    ]);
  });

  it('gives a task’s later waiting runs no position of their own', () => {
    const parallel = taskView({
      name: 'Parallel',
      state: 'queued',
      queuePosition: 1,
      overlap: 'parallel',
    });
    const first = queued(parallel, '2026-03-01T10:00:00.000Z');
    const second = queued(parallel, '2026-03-01T10:00:01.000Z');
    const entries = queueEntries({
      active: { [second.id]: second, [first.id]: first },
      tasks: byId([parallel]),
    });
    expect(entries.map((entry) => [entry.execution.id, entry.position])).toEqual([
      [first.id, 1],
      [second.id, null],
    ]);
    expect(waitReason(entries[1]!, scheduler)).toBe('Waiting behind an earlier run of this task');
  });

  it('says when everything is paused', () => {
    const task = taskView({ state: 'queued', queuePosition: 1, heldBy: 'all tasks are paused' });
    const [entry] = queueEntries({
      active: { x: queued(task, '2026-03-01T10:00:00.000Z') },
      tasks: byId([task]),
    });
    expect(waitReason(entry!, { ...scheduler, paused: true })).toBe('All tasks are paused');
  });
});
