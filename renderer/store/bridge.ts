import { API_EVENT_NAMES, type ApiEvent, type TaskdeckApi } from '../../shared/api.js';
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from './app-state.js';
import type { ConnectionSource } from './connection.js';

/**
 * The one place API events enter the window: it subscribes outside React, gathers the events
 * that arrive together (a batch from the service is dispatched one by one) and applies them to
 * the store in one change. Each time the link opens (at start and after a reconnect) it reloads
 * everything, since events sent while disconnected are lost. Returns a stop function.
 */
export function startBridge(
  api: TaskdeckApi,
  store: StoreApi<AppState>,
  connection: ConnectionSource,
): () => void {
  let queue: ApiEvent[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const events = queue;
    queue = [];
    store.getState().applyEvents(events);
  };
  const offs = API_EVENT_NAMES.map((type) =>
    api.on(type, (data) => {
      queue.push({ type, data } as ApiEvent);
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(flush);
      }
    }),
  );
  const offConnection = connection.subscribe((state) => {
    store.getState().setConnection(state);
    if (state === 'open') void store.getState().refreshAll();
  });
  return () => {
    for (const off of offs) off();
    offConnection();
  };
}
