import type { ApiEvent } from '../../shared/api.js';
import { FINAL_STATUSES, type Execution } from '../../shared/schemas/execution.js';
import type { AppState, HistoryState, RecentRun } from './app-state.js';
import { appendOutput, chunksAfterEnd } from './log-buffer.js';

/** Finished runs a sparkline keeps per task. */
export const RECENT_RUNS = 20;
/** Trace entries kept per task in the window. */
export const TRACE_KEPT = 500;
/** Resource samples kept per opened execution (the service downsamples to 300 at the end). */
export const SAMPLES_KEPT = 3_600;
/** Machine readings kept (ten minutes at one a second). */
export const SYSTEM_SAMPLES_KEPT = 600;

type EventState = Pick<
  AppState,
  | 'tasks'
  | 'recent'
  | 'history'
  | 'trace'
  | 'active'
  | 'opened'
  | 'samples'
  | 'system'
  | 'scheduler'
  | 'selection'
  | 'route'
  | 'editor'
>;

/** True for a run that ended with a duration a sparkline can draw. */
export function isDrawableRun(execution: Execution): boolean {
  return (
    FINAL_STATUSES.includes(execution.status) &&
    execution.status !== 'skipped' &&
    execution.durationMs !== null
  );
}

/** A finished execution as a sparkline point. */
export function toRecentRun(execution: Execution): RecentRun {
  return { id: execution.id, status: execution.status, durationMs: execution.durationMs ?? 0 };
}

/** Puts an execution into a loaded history: replaced where it is, else newest first. */
export function placeInHistory(history: HistoryState, execution: Execution): HistoryState {
  const at = history.items.findIndex((item) => item.id === execution.id);
  if (at !== -1) {
    const items = history.items.slice();
    items[at] = execution;
    return { ...history, items };
  }
  if (history.filter !== null && history.filter !== execution.status) return history;
  return { ...history, items: [execution, ...history.items] };
}

/**
 * Applies a batch of events to the state as one change: each part of the state is copied at
 * most once per batch, and parts no event touches keep their identity (so selectors stay put).
 */
export function reduceEvents(state: EventState, events: readonly ApiEvent[]): Partial<EventState> {
  const out: Partial<EventState> = {};
  const own = <K extends keyof EventState>(key: K): EventState[K] => {
    if (out[key] === undefined) {
      const value = state[key];
      out[key] = (Array.isArray(value) ? value.slice() : { ...(value as object) }) as EventState[K];
    }
    return out[key] as EventState[K];
  };
  const current = <K extends keyof EventState>(key: K): EventState[K] =>
    (out[key] as EventState[K] | undefined) ?? state[key];

  for (const event of events) {
    switch (event.type) {
      case 'task.changed':
        own('tasks')[event.data.id] = event.data;
        break;
      case 'task.removed': {
        const { id } = event.data;
        if (current('tasks')[id] !== undefined) Reflect.deleteProperty(own('tasks'), id);
        if (current('recent')[id] !== undefined) Reflect.deleteProperty(own('recent'), id);
        if (current('history')[id] !== undefined) Reflect.deleteProperty(own('history'), id);
        if (current('trace')[id] !== undefined) Reflect.deleteProperty(own('trace'), id);
        if (current('selection').includes(id))
          out.selection = current('selection').filter((selected) => selected !== id);
        const route = current('route');
        if (route.screen === 'task' && route.taskId === id) out.route = { screen: 'tasks' };
        const editor = current('editor');
        if (editor?.mode === 'edit' && editor.taskId === id) out.editor = null;
        break;
      }
      case 'execution.changed': {
        const execution = event.data;
        const live = execution.status === 'queued' || execution.status === 'running';
        if (live) own('active')[execution.id] = execution;
        else if (current('active')[execution.id] !== undefined)
          Reflect.deleteProperty(own('active'), execution.id);
        const history = current('history')[execution.taskId];
        if (history?.loaded === true)
          own('history')[execution.taskId] = placeInHistory(history, execution);
        const opened = current('opened')[execution.id];
        if (opened !== undefined) own('opened')[execution.id] = { ...opened, execution };
        const recent = current('recent')[execution.taskId];
        if (
          recent !== undefined &&
          isDrawableRun(execution) &&
          !recent.some((run) => run.id === execution.id)
        ) {
          own('recent')[execution.taskId] = [...recent, toRecentRun(execution)].slice(-RECENT_RUNS);
        }
        break;
      }
      case 'execution.output': {
        const opened = current('opened')[event.data.executionId];
        if (opened === undefined) break;
        if (opened.loading) {
          own('opened')[event.data.executionId] = {
            ...opened,
            pending: [...opened.pending, ...event.data.chunks],
          };
          break;
        }
        const fresh = chunksAfterEnd(opened.tailEnd, event.data.chunks);
        own('opened')[event.data.executionId] = {
          ...opened,
          log: appendOutput(opened.log, fresh),
          // Once live output is past the saved tail, every later chunk is new.
          tailEnd: fresh.length > 0 ? null : opened.tailEnd,
        };
        break;
      }
      case 'execution.sample': {
        const samples = current('samples')[event.data.executionId];
        if (samples === undefined) break;
        own('samples')[event.data.executionId] = [...samples, event.data.sample].slice(
          -SAMPLES_KEPT,
        );
        break;
      }
      case 'trace': {
        const trace = current('trace')[event.data.taskId];
        if (trace?.loaded !== true) break;
        own('trace')[event.data.taskId] = {
          ...trace,
          entries: [event.data, ...trace.entries].slice(0, TRACE_KEPT),
        };
        break;
      }
      case 'scheduler.changed':
        out.scheduler = event.data;
        break;
      case 'system.sample':
        out.system = [...current('system'), event.data].slice(-SYSTEM_SAMPLES_KEPT);
        break;
    }
  }
  return out;
}
