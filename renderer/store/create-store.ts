import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiEvent, TaskdeckApi } from '../../shared/api.js';
import type { KeyValueStorage } from '../dashboard/dismissed-problems.js';
import type { AppState, EventsSlice } from './app-state.js';
import { reduceEvents } from './apply-events.js';
import { dashboardSlice } from './dashboard-slice.js';
import { executionsSlice } from './executions-slice.js';
import { resourcesSlice } from './resources-slice.js';
import { settingsSlice } from './settings-slice.js';
import type { Slice } from './slice.js';
import { tasksSlice } from './tasks-slice.js';
import { uiSlice } from './ui-slice.js';

/** Sparklines reloaded after a reconnect; the rest load again as rows scroll into view. */
const RECENT_RELOADED = 200;

const eventsSlice: Slice<EventsSlice> = () => (set, get) => ({
  applyEvents(events: readonly ApiEvent[]) {
    if (events.length > 0) set((state) => reduceEvents(state, events));
  },
  async refreshAll() {
    const state = get();
    const recentIds = Object.keys(state.recent).slice(-RECENT_RELOADED);
    // Plans made before a restart may be stale (tasks changed meanwhile): ask again.
    set({ recent: {}, previews: {} });
    await Promise.all([
      state.loadTasks(),
      state.loadScheduler(),
      state.loadSettings(),
      state.loadActive(),
      ...(state.outcomes === null && state.outcomesError === null ? [] : [state.loadOutcomes()]),
      ...Object.keys(state.history).map((taskId) => state.loadHistory(taskId)),
      ...Object.keys(state.trace).map((taskId) => state.loadTrace(taskId)),
      ...Object.keys(state.opened).map((id) => state.openExecution(id)),
    ]);
    await get().loadRecent(recentIds.filter((id) => get().tasks[id] !== undefined));
  },
});

/**
 * The window's one store, built from its slices, with actions that call `api`; `storage` keeps
 * what the window remembers across restarts (dismissed problems), none in tests that need none.
 */
export function createTaskdeckStore(
  api: TaskdeckApi,
  storage: KeyValueStorage | null = null,
): StoreApi<AppState> {
  return createStore<AppState>()((...args) => ({
    ...tasksSlice(api)(...args),
    ...executionsSlice(api)(...args),
    ...resourcesSlice(api)(...args),
    ...settingsSlice(api)(...args),
    ...dashboardSlice(api, storage)(...args),
    ...uiSlice(api)(...args),
    ...eventsSlice(api)(...args),
  }));
}
