import type { Execution } from '../../shared/schemas/execution.js';
import type { ExecutionsSlice, HistoryState } from './app-state.js';
import { appendOutput, chunksAfterEnd, EMPTY_LOG, tailEndOf } from './log-buffer.js';
import { messageOf, type Slice } from './slice.js';

/** Rows fetched per history page (the most the API gives at once). */
export const HISTORY_PAGE = 500;
/**
 * Runs loaded in the background after the first page, so the duration chart covers a long
 * stretch of time; the table loads further pages as it scrolls.
 */
export const HISTORY_PRELOAD = 10_000;

const EMPTY_HISTORY: HistoryState = {
  items: [],
  nextCursor: null,
  loading: false,
  loaded: false,
  filter: null,
  error: null,
};

/** Executions: per-task history pages and traces, what is running, and opened executions. */
export const executionsSlice: Slice<ExecutionsSlice> = (api) => (set, get) => {
  const setHistory = (taskId: string, change: (history: HistoryState) => HistoryState) => {
    set((state) => ({
      history: { ...state.history, [taskId]: change(state.history[taskId] ?? EMPTY_HISTORY) },
    }));
  };

  return {
    history: {},
    trace: {},
    active: {},
    opened: {},

    async loadHistory(taskId, filter) {
      const wanted = filter === undefined ? (get().history[taskId]?.filter ?? null) : filter;
      setHistory(taskId, (history) => ({ ...history, loading: true, filter: wanted, error: null }));
      try {
        const page = await api.call('executions.list', {
          taskId,
          limit: HISTORY_PAGE,
          ...(wanted === null ? {} : { status: wanted }),
        });
        // A newer filter choice wins over this answer.
        if (get().history[taskId]?.filter !== wanted) return;
        setHistory(taskId, () => ({
          items: page.items,
          nextCursor: page.nextCursor,
          loading: false,
          loaded: true,
          filter: wanted,
          error: null,
        }));
        for (;;) {
          const current = get().history[taskId];
          if (current?.filter !== wanted || current.nextCursor === null) break;
          if (current.items.length >= HISTORY_PRELOAD || current.error !== null) break;
          await get().loadMoreHistory(taskId);
        }
      } catch (error) {
        setHistory(taskId, (history) => ({ ...history, loading: false, error: messageOf(error) }));
      }
    },

    async loadMoreHistory(taskId) {
      const history = get().history[taskId];
      if (history?.nextCursor == null || history.loading) return;
      const { filter, nextCursor } = history;
      setHistory(taskId, (current) => ({ ...current, loading: true }));
      try {
        const page = await api.call('executions.list', {
          taskId,
          limit: HISTORY_PAGE,
          cursor: nextCursor,
          ...(filter === null ? {} : { status: filter }),
        });
        setHistory(taskId, (current) => {
          if (current.filter !== filter) return current;
          const seen = new Set(current.items.map((item) => item.id));
          return {
            ...current,
            items: [...current.items, ...page.items.filter((item) => !seen.has(item.id))],
            nextCursor: page.nextCursor,
            loading: false,
          };
        });
      } catch (error) {
        setHistory(taskId, (current) => ({ ...current, loading: false, error: messageOf(error) }));
      }
    },

    async loadTrace(taskId) {
      set((state) => ({
        trace: {
          ...state.trace,
          [taskId]: { entries: state.trace[taskId]?.entries ?? [], loading: true, loaded: false },
        },
      }));
      try {
        const entries = await api.call('tasks.trace', { id: taskId, limit: 200 });
        set((state) => ({
          trace: { ...state.trace, [taskId]: { entries, loading: false, loaded: true } },
        }));
      } catch (error) {
        set((state) => ({
          trace: { ...state.trace, [taskId]: { entries: [], loading: false, loaded: false } },
        }));
        get().notify('error', `Could not load the trace: ${messageOf(error)}`);
      }
    },

    async loadActive() {
      try {
        const page = await api.call('executions.list', {
          status: ['queued', 'running'],
          limit: 500,
        });
        const active: Record<string, Execution> = {};
        for (const execution of page.items) active[execution.id] = execution;
        set({ active });
      } catch (error) {
        get().notify('error', `Could not load running tasks: ${messageOf(error)}`);
      }
    },

    async openExecution(id) {
      const known =
        get().active[id] ??
        Object.values(get().history)
          .flatMap((history) => history.items)
          .find((item) => item.id === id) ??
        null;
      set((state) => ({
        opened: {
          ...state.opened,
          [id]: {
            execution: known,
            log: EMPTY_LOG,
            pending: [],
            tailEnd: null,
            loading: true,
            error: null,
          },
        },
        samples: { ...state.samples, [id]: [] },
      }));
      try {
        const detail = await api.call('executions.get', { id });
        set((state) => {
          const opened = state.opened[id];
          if (opened === undefined) return {};
          const { output, samples, ...execution } = detail;
          const end = tailEndOf(output);
          const live = chunksAfterEnd(end, opened.pending);
          const lastT = samples.at(-1)?.t ?? -Infinity;
          const liveSamples = (state.samples[id] ?? []).filter((sample) => sample.t > lastT);
          // An event newer than this answer may already have told us the run ended.
          const newer = opened.execution !== null && isLater(opened.execution, execution);
          return {
            opened: {
              ...state.opened,
              [id]: {
                execution: newer ? opened.execution : execution,
                log: appendOutput(appendOutput(EMPTY_LOG, output), live),
                pending: [],
                tailEnd: live.length > 0 ? null : end,
                loading: false,
                error: null,
              },
            },
            samples: { ...state.samples, [id]: [...samples, ...liveSamples] },
          };
        });
      } catch (error) {
        set((state) => {
          const opened = state.opened[id];
          if (opened === undefined) return {};
          return {
            opened: {
              ...state.opened,
              [id]: { ...opened, loading: false, error: messageOf(error) },
            },
          };
        });
      }
    },

    closeExecution(id) {
      set((state) => {
        if (state.opened[id] === undefined) return {};
        const opened = { ...state.opened };
        const samples = { ...state.samples };
        Reflect.deleteProperty(opened, id);
        Reflect.deleteProperty(samples, id);
        return { opened, samples };
      });
    },

    forgetTaskDetail(taskId) {
      set((state) => {
        const history = { ...state.history };
        const trace = { ...state.trace };
        Reflect.deleteProperty(history, taskId);
        Reflect.deleteProperty(trace, taskId);
        return { history, trace };
      });
    },

    async cancelExecution(id) {
      try {
        const execution = await api.call('executions.cancel', { id });
        get().applyEvents([{ type: 'execution.changed', data: execution }]);
      } catch (error) {
        get().notify('error', `Could not cancel: ${messageOf(error)}`);
      }
    },
  };
};

const RANK: Record<Execution['status'], number> = {
  queued: 0,
  running: 1,
  succeeded: 2,
  failed: 2,
  'timed-out': 2,
  cancelled: 2,
  skipped: 2,
  interrupted: 2,
};

/** True when `a` is further along than `b` (a run only moves queued -> running -> ended). */
function isLater(a: Execution, b: Execution): boolean {
  return RANK[a.status] > RANK[b.status];
}
