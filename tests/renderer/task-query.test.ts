import { describe, expect, it, vi } from 'vitest';
import {
  allTags,
  createVisibleTaskIdsSelector,
  matchesSearch,
  visibleTaskIds,
  type TaskQuery,
} from '../../renderer/store/task-query.js';
import type { AppState } from '../../renderer/store/app-state.js';
import { selectTaskCount, taskValues } from '../../renderer/store/task-values.js';
import { byId, taskView } from './support/task-view.js';

const query = (overrides: Partial<TaskQuery> = {}): TaskQuery => ({
  query: '',
  state: null,
  tag: null,
  sort: { key: 'name', descending: false },
  ...overrides,
});

const backup = taskView({
  name: 'Back up notes',
  description: 'Copies the notes folder',
  action: { type: 'command', command: 'rsync -a ~/notes /backup' },
  tags: ['backup', 'nightly'],
  state: 'idle',
  nextRunAt: '2026-03-01T10:00:00.000Z',
  lastExecution: {
    id: '10000000-0000-4000-8000-000000000001',
    status: 'succeeded',
    startedAt: '2026-02-28T10:00:00.000Z',
    endedAt: '2026-02-28T10:00:01.000Z',
    durationMs: 1_000,
    exitCode: 0,
  },
});
const report = taskView({
  name: 'Task 10 report',
  action: { type: 'command', argv: ['/usr/bin/df', '-h'] },
  tags: ['reports'],
  state: 'paused',
  enabled: false,
});
const cleanup = taskView({
  name: 'task 9 cleanup',
  tags: ['nightly'],
  state: 'running',
  nextRunAt: '2026-03-01T09:00:00.000Z',
});
const tasks = byId([backup, report, cleanup]);

describe('task list search', () => {
  it('finds tasks by name, description, command, argv and tag, case-insensitively', () => {
    expect(matchesSearch(backup, 'BACK')).toBe(true);
    expect(matchesSearch(backup, 'notes folder')).toBe(true);
    expect(matchesSearch(backup, 'rsync')).toBe(true);
    expect(matchesSearch(report, '/usr/bin/df')).toBe(true);
    expect(matchesSearch(cleanup, 'nightly')).toBe(true);
  });

  it('needs every word of the search to match, in any order', () => {
    expect(matchesSearch(backup, 'nightly rsync')).toBe(true);
    expect(matchesSearch(backup, 'nightly reports')).toBe(false);
  });

  it('an empty or blank search matches everything', () => {
    expect(visibleTaskIds(tasks, query({ query: '   ' }))).toHaveLength(3);
  });
});

describe('task list filters and order', () => {
  it('filters by state and by tag, together with the search', () => {
    expect(visibleTaskIds(tasks, query({ state: 'paused' }))).toEqual([report.id]);
    expect(visibleTaskIds(tasks, query({ tag: 'nightly' }))).toEqual([backup.id, cleanup.id]);
    expect(visibleTaskIds(tasks, query({ tag: 'nightly', query: 'cleanup' }))).toEqual([
      cleanup.id,
    ]);
  });

  it('sorts names as people read numbers ("Task 9" before "Task 10"), either way', () => {
    expect(visibleTaskIds(tasks, query())).toEqual([backup.id, cleanup.id, report.id]);
    expect(visibleTaskIds(tasks, query({ sort: { key: 'name', descending: true } }))).toEqual([
      report.id,
      cleanup.id,
      backup.id,
    ]);
  });

  it('sorts by next run with tasks that have none last, in both directions', () => {
    const ascending = visibleTaskIds(tasks, query({ sort: { key: 'nextRun', descending: false } }));
    const descending = visibleTaskIds(tasks, query({ sort: { key: 'nextRun', descending: true } }));
    expect(ascending).toEqual([cleanup.id, backup.id, report.id]);
    expect(descending).toEqual([backup.id, cleanup.id, report.id]);
  });

  it('sorts by state with running first, and by last run with never-run last', () => {
    expect(visibleTaskIds(tasks, query({ sort: { key: 'state', descending: false } }))).toEqual([
      cleanup.id,
      backup.id,
      report.id,
    ]);
    expect(visibleTaskIds(tasks, query({ sort: { key: 'lastRun', descending: true } }))[0]).toBe(
      backup.id,
    );
  });

  it('reads each task’s time once when sorting by next or last run, not per comparison', () => {
    const many = byId(
      Array.from({ length: 2_000 }, (_, index) =>
        taskView({
          nextRunAt: new Date(Date.UTC(2026, 2, 1, 0, (index * 7_919) % 2_000)).toISOString(),
        }),
      ),
    );
    const parse = vi.spyOn(Date, 'parse');
    try {
      const ids = visibleTaskIds(many, query({ sort: { key: 'nextRun', descending: false } }));
      expect(parse.mock.calls.length).toBeLessThanOrEqual(2_000);
      const times = ids.map((id) => many[id]!.nextRunAt!);
      expect(times).toEqual([...times].sort());
      visibleTaskIds(many, query({ sort: { key: 'lastRun', descending: true } }));
      expect(parse.mock.calls.length).toBeLessThanOrEqual(2_000);
    } finally {
      parse.mockRestore();
    }
  });

  it('lists every tag once, sorted', () => {
    expect(allTags(tasks)).toEqual(['backup', 'nightly', 'reports']);
  });
});

describe('the list selector', () => {
  const state = (overrides: Partial<AppState>) =>
    ({
      tasks,
      query: '',
      stateFilter: null,
      tagFilter: null,
      sort: { key: 'name', descending: false },
      ...overrides,
    }) as AppState;

  it('returns the same array while tasks and query are unchanged (no re-sort per event)', () => {
    const select = createVisibleTaskIdsSelector();
    const base = state({});
    const first = select(base);
    expect(select({ ...base, toasts: [] })).toBe(first);
    expect(select({ ...base, query: 'back' })).toEqual([backup.id]);
  });

  it('sorts 10,000 tasks in well under a frame budget per change', () => {
    const many = byId(
      Array.from({ length: 10_000 }, (_, index) =>
        taskView({ name: `Job ${10_000 - index}`, tags: [`group-${index % 7}`] }),
      ),
    );
    const select = createVisibleTaskIdsSelector();
    const started = performance.now();
    const ids = select(state({ tasks: many, query: 'job' }));
    const elapsed = performance.now() - started;
    expect(ids).toHaveLength(10_000);
    expect(many[ids[0]!]!.name).toBe('Job 1');
    expect(many[ids[9_999]!]!.name).toBe('Job 10000');
    expect(elapsed).toBeLessThan(250);
  });
});

describe('the tasks read once per tasks object', () => {
  it('gives the same array (and count) until the tasks object is replaced', () => {
    const values = taskValues(tasks);
    expect(taskValues(tasks)).toBe(values);
    expect(values.map((task) => task.id).sort()).toEqual(Object.keys(tasks).sort());
    expect(selectTaskCount({ tasks } as AppState)).toBe(3);
    const fewer = { ...tasks };
    Reflect.deleteProperty(fewer, report.id);
    expect(selectTaskCount({ tasks: fewer } as AppState)).toBe(2);
  });
});
