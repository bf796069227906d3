import { TaskdeckError } from '../../shared/errors.js';
import type { ExecutionStatus } from '../../shared/schemas/execution.js';
import type { TaskView } from '../../shared/schemas/task.js';
import type { RecentRun, TasksSlice } from './app-state.js';
import { isDrawableRun, RECENT_RUNS, toRecentRun } from './apply-events.js';
import { pruneSelection } from './selection.js';
import { forEachId, messageOf, plural, type Slice } from './slice.js';

const FINISHED: ExecutionStatus[] = [
  'succeeded',
  'failed',
  'timed-out',
  'cancelled',
  'interrupted',
];

/** What pausing looks like before the service answers: no new fires; a run in progress goes on. */
function optimisticallyPaused(task: TaskView): TaskView {
  return {
    ...task,
    enabled: false,
    state: task.state === 'idle' ? 'paused' : task.state,
    nextRunAt: null,
  };
}

function optimisticallyResumed(task: TaskView): TaskView {
  return { ...task, enabled: true, state: task.state === 'paused' ? 'idle' : task.state };
}

/** Tasks: the list, their sparklines, and what a person does to them. */
export const tasksSlice: Slice<TasksSlice> = (api) => (set, get) => {
  const recentInFlight = new Set<string>();

  /** Applies `change` to each task at once, then settles each with the service's answer. */
  async function optimistic(
    ids: readonly string[],
    change: (task: TaskView) => TaskView,
    call: (id: string) => Promise<TaskView>,
    verb: string,
  ): Promise<void> {
    const before = new Map<string, TaskView>();
    const changed = new Map<string, TaskView>();
    set((state) => {
      const tasks = { ...state.tasks };
      for (const id of ids) {
        const task = tasks[id];
        if (task === undefined) continue;
        before.set(id, task);
        const next = change(task);
        changed.set(id, next);
        tasks[id] = next;
      }
      return { tasks };
    });
    const { done, failed } = await forEachId([...before.keys()], call);
    set((state) => {
      const tasks = { ...state.tasks };
      for (const { value } of done) if (tasks[value.id] !== undefined) tasks[value.id] = value;
      for (const { id } of failed) {
        // Undo only where nothing newer (an event) has replaced the guess meanwhile.
        const previous = before.get(id);
        if (previous !== undefined && tasks[id] === changed.get(id)) tasks[id] = previous;
      }
      return { tasks };
    });
    const first = failed[0];
    if (first !== undefined) {
      get().notify(
        'error',
        `Could not ${verb} ${plural(failed.length, 'task')}: ${messageOf(first.error)}`,
      );
    }
  }

  return {
    tasks: {},
    tasksLoaded: false,
    tasksError: null,
    recent: {},

    async loadTasks() {
      try {
        const list = await api.call('tasks.list', {});
        const tasks: Record<string, TaskView> = {};
        for (const task of list) tasks[task.id] = task;
        set((state) => ({
          tasks,
          tasksLoaded: true,
          tasksError: null,
          selection: pruneSelection(
            state.selection,
            list.map((task) => task.id),
          ),
        }));
      } catch (error) {
        set({ tasksError: messageOf(error) });
      }
    },

    async loadRecent(ids) {
      const wanted = ids.filter((id) => get().recent[id] === undefined && !recentInFlight.has(id));
      if (wanted.length === 0) return;
      for (const id of wanted) recentInFlight.add(id);
      const { done } = await forEachId(wanted, (taskId) =>
        api.call('executions.list', { taskId, status: FINISHED, limit: RECENT_RUNS }),
      );
      for (const id of wanted) recentInFlight.delete(id);
      set((state) => {
        const recent = { ...state.recent };
        for (const { id, value } of done) {
          if (state.tasks[id] === undefined) continue;
          const runs: RecentRun[] = value.items.filter(isDrawableRun).map(toRecentRun).reverse();
          // Events may have added runs while the page was on its way.
          const seen = new Set(runs.map((run) => run.id));
          const live = (state.recent[id] ?? []).filter((run) => !seen.has(run.id));
          recent[id] = [...runs, ...live].slice(-RECENT_RUNS);
        }
        return { recent };
      });
    },

    pauseTasks(ids) {
      return optimistic(
        ids,
        optimisticallyPaused,
        (id) => api.call('tasks.pause', { id }),
        'pause',
      );
    },

    resumeTasks(ids) {
      return optimistic(
        ids,
        optimisticallyResumed,
        (id) => api.call('tasks.resume', { id }),
        'resume',
      );
    },

    async removeTasks(ids) {
      const removed = new Map<string, TaskView>();
      set((state) => {
        const tasks = { ...state.tasks };
        for (const id of ids) {
          const task = tasks[id];
          if (task === undefined) continue;
          removed.set(id, task);
          Reflect.deleteProperty(tasks, id);
        }
        const route = state.route;
        return {
          tasks,
          selection: state.selection.filter((id) => !removed.has(id)),
          route: route.screen === 'task' && removed.has(route.taskId) ? { screen: 'tasks' } : route,
        };
      });
      const { done, failed } = await forEachId([...removed.keys()], (id) =>
        api.call('tasks.remove', { id }),
      );
      // A task someone else removed first is gone either way.
      const lost = failed.filter(
        ({ error }) => !(error instanceof TaskdeckError && error.code === 'not_found'),
      );
      if (lost.length > 0) {
        set((state) => {
          const tasks = { ...state.tasks };
          for (const { id } of lost) {
            const task = removed.get(id);
            if (task !== undefined && tasks[id] === undefined) tasks[id] = task;
          }
          return { tasks };
        });
        get().notify(
          'error',
          `Could not delete ${plural(lost.length, 'task')}: ${messageOf(lost[0]?.error)}`,
        );
      }
      const gone = done.length + failed.length - lost.length;
      if (gone > 0) get().notify('info', `Deleted ${plural(gone, 'task')}`);
    },

    async duplicateTask(id) {
      try {
        const copy = await api.call('tasks.duplicate', { id });
        set((state) => ({ tasks: { ...state.tasks, [copy.id]: copy } }));
        get().notify('info', `Duplicated as “${copy.name}” (paused)`);
        return copy;
      } catch (error) {
        get().notify('error', `Could not duplicate: ${messageOf(error)}`);
        return null;
      }
    },

    async runNow(id) {
      try {
        const { executionId } = await api.call('tasks.runNow', { id });
        return executionId;
      } catch (error) {
        get().notify('error', messageOf(error));
        return null;
      }
    },

    async createTask(document) {
      const task = await api.call('tasks.create', document);
      set((state) => ({ tasks: { ...state.tasks, [task.id]: task } }));
      return task;
    },

    previewTrigger(trigger, dst) {
      return api.call('triggers.preview', {
        trigger,
        count: 5,
        ...(dst === undefined ? {} : { dst }),
      });
    },

    async updateTask(id, patch) {
      const task = await api.call('tasks.update', { id, patch });
      set((state) => ({ tasks: { ...state.tasks, [task.id]: task } }));
      return task;
    },
  };
};
