import { describe, expect, it } from 'vitest';
import { executionSchema, type Execution } from '../../shared/schemas/execution.js';
import type { AppState, HistoryState } from '../../renderer/store/app-state.js';
import { reduceEvents, SYSTEM_SAMPLES_KEPT } from '../../renderer/store/apply-events.js';
import { appendOutput, EMPTY_LOG, tailEndOf } from '../../renderer/store/log-buffer.js';
import { taskView } from './support/task-view.js';

const task = taskView({ name: 'Watched' });

function execution(id: number, overrides: Partial<Execution> = {}): Execution {
  const executionId = `20000000-0000-4000-8000-${String(id).padStart(12, '0')}`;
  return executionSchema.parse({
    id: executionId,
    taskId: task.id,
    taskName: task.name,
    attempt: 1,
    firstExecutionId: executionId,
    trigger: { type: 'manual', detail: 'Run now' },
    status: 'running',
    queuedAt: '2026-03-01T10:00:00.000Z',
    startedAt: '2026-03-01T10:00:00.000Z',
    endedAt: null,
    durationMs: null,
    exitCode: null,
    signal: null,
    error: null,
    outputBytes: 0,
    result: null,
    resources: { cpuTimeMs: null, cpuAvgPercent: null, cpuPeakPercent: null, rssPeakBytes: null },
    ...overrides,
  });
}

const history = (overrides: Partial<HistoryState> = {}): HistoryState => ({
  items: [],
  nextCursor: null,
  loading: false,
  loaded: true,
  filter: null,
  error: null,
  ...overrides,
});

const base = (): AppState =>
  ({
    tasks: { [task.id]: task },
    recent: {},
    history: {},
    trace: {},
    active: {},
    opened: {},
    samples: {},
    system: [],
    scheduler: null,
    selection: [],
    route: { screen: 'tasks' },
    editor: null,
  }) as unknown as AppState;

describe('applying a batch of events', () => {
  it('leaves untouched parts of the state as they were (selectors keep their results)', () => {
    const state = base();
    const change = reduceEvents(state, [{ type: 'task.changed', data: { ...task, name: 'New' } }]);
    expect(Object.keys(change)).toEqual(['tasks']);
    expect(change.tasks?.[task.id]?.name).toBe('New');
    expect(state.tasks[task.id]?.name).toBe('Watched');
  });

  it('tracks what is running, and puts runs into a loaded history newest first', () => {
    const state = {
      ...base(),
      history: { [task.id]: history({ items: [execution(1, { status: 'succeeded' })] }) },
    };
    const running = execution(2);
    const afterStart = {
      ...state,
      ...reduceEvents(state, [{ type: 'execution.changed', data: running }]),
    };
    expect(afterStart.active[running.id]).toEqual(running);
    expect(afterStart.history[task.id]?.items.map((item) => item.id)).toEqual([
      running.id,
      execution(1).id,
    ]);
    const ended = { ...running, status: 'failed' as const, durationMs: 900, exitCode: 2 };
    const afterEnd = {
      ...afterStart,
      ...reduceEvents(afterStart, [{ type: 'execution.changed', data: ended }]),
    };
    expect(afterEnd.active).toEqual({});
    expect(afterEnd.history[task.id]?.items[0]).toEqual(ended);
    expect(afterEnd.history[task.id]?.items).toHaveLength(2);
  });

  it('a filtered history takes only runs with its status', () => {
    const state = { ...base(), history: { [task.id]: history({ filter: 'failed' }) } };
    const succeeded = execution(3, { status: 'succeeded', durationMs: 5 });
    const failed = execution(4, { status: 'failed', durationMs: 5 });
    const change = reduceEvents(state, [
      { type: 'execution.changed', data: succeeded },
      { type: 'execution.changed', data: failed },
    ]);
    expect(change.history?.[task.id]?.items.map((item) => item.id)).toEqual([failed.id]);
  });

  it('a sparkline gains each finished run once, but not skipped ones', () => {
    const state = { ...base(), recent: { [task.id]: [] } };
    const done = execution(5, { status: 'succeeded', durationMs: 1_200 });
    const skipped = execution(6, { status: 'skipped', durationMs: 0 });
    const change = reduceEvents(state, [
      { type: 'execution.changed', data: done },
      { type: 'execution.changed', data: done },
      { type: 'execution.changed', data: skipped },
    ]);
    expect(change.recent?.[task.id]).toEqual([
      { id: done.id, status: 'succeeded', durationMs: 1_200 },
    ]);
  });

  it("holds output back while an opened run's saved tail loads, and appends it after", () => {
    const run = execution(7);
    const chunk = { t: 1, stream: 'stdout' as const, text: 'hi\n' };
    const loading = {
      ...base(),
      opened: {
        [run.id]: {
          execution: run,
          log: EMPTY_LOG,
          pending: [],
          tailEnd: null,
          loading: true,
          error: null,
        },
      },
    };
    const held = reduceEvents(loading, [
      { type: 'execution.output', data: { executionId: run.id, chunks: [chunk] } },
    ]);
    expect(held.opened?.[run.id]?.pending).toEqual([chunk]);
    expect(held.opened?.[run.id]?.log.lines).toEqual([]);
    const ready = {
      ...loading,
      opened: { [run.id]: { ...loading.opened[run.id]!, loading: false } },
    };
    const shown = reduceEvents(ready, [
      { type: 'execution.output', data: { executionId: run.id, chunks: [chunk] } },
    ]);
    expect(shown.opened?.[run.id]?.log.lines.map((line) => line.text)).toEqual(['hi']);
  });

  it('drops output events that arrive after the saved tail but repeat it, then shows the rest', () => {
    // The service answered with output up to t=2; its events for t=1 and t=2 were still on
    // their way (events are batched, the answer is not).
    const run = execution(9);
    const first = { t: 1, stream: 'stdout' as const, text: 'copied batch 1\n' };
    const second = { t: 2, stream: 'stdout' as const, text: 'copied batch 2\n' };
    const third = { t: 3, stream: 'stdout' as const, text: 'copied batch 3\n' };
    const loaded = {
      ...base(),
      opened: {
        [run.id]: {
          execution: run,
          log: appendOutput(EMPTY_LOG, [first, second]),
          pending: [],
          tailEnd: tailEndOf([first, second]),
          loading: false,
          error: null,
        },
      },
    };
    const late = reduceEvents(loaded, [
      { type: 'execution.output', data: { executionId: run.id, chunks: [first] } },
      { type: 'execution.output', data: { executionId: run.id, chunks: [second, third] } },
    ]);
    const opened = late.opened?.[run.id];
    expect(opened?.log.lines.map((line) => line.text)).toEqual([
      'copied batch 1',
      'copied batch 2',
      'copied batch 3',
    ]);
    // Past the tail, nothing needs checking any more.
    expect(opened?.tailEnd).toBeNull();
  });

  it('ignores output and samples of runs nobody opened (memory stays flat)', () => {
    const change = reduceEvents(base(), [
      {
        type: 'execution.output',
        data: { executionId: execution(8).id, chunks: [{ t: 1, stream: 'stdout', text: 'x' }] },
      },
      {
        type: 'execution.sample',
        data: { executionId: execution(8).id, sample: { t: 1, cpuPercent: 5, rssBytes: 1 } },
      },
    ]);
    expect(change).toEqual({});
  });

  it('adds trace entries newest first to a loaded trace only', () => {
    const entry = {
      t: '2026-03-01T10:00:01.000Z',
      taskId: task.id,
      outcome: 'skipped' as const,
      reason: 'already running',
      executionId: null,
    };
    expect(reduceEvents(base(), [{ type: 'trace', data: entry }])).toEqual({});
    const older = { ...entry, t: '2026-03-01T10:00:00.000Z', outcome: 'ran' as const };
    const state = {
      ...base(),
      trace: { [task.id]: { entries: [older], loading: false, loaded: true } },
    };
    expect(reduceEvents(state, [{ type: 'trace', data: entry }]).trace?.[task.id]?.entries).toEqual(
      [entry, older],
    );
  });

  it('keeps a bounded window of machine readings', () => {
    const samples = Array.from({ length: SYSTEM_SAMPLES_KEPT + 10 }, (_, t) => ({
      type: 'system.sample' as const,
      data: { t, cpuPercent: 1, memUsedBytes: 1, memTotalBytes: 2, onBattery: null },
    }));
    const change = reduceEvents(base(), samples);
    expect(change.system).toHaveLength(SYSTEM_SAMPLES_KEPT);
    expect(change.system?.[0]?.t).toBe(10);
  });
});
