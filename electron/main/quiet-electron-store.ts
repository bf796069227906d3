import type { JsonStoreClass } from '../adapters/stores/conf-task-store.js';

/** The channel electron-store 11 answers renderers on (`initDataListener` in its index.js). */
export const ELECTRON_STORE_CHANNEL = 'electron-store-get-data';

/** The part of `ipcMain` the store's listener is removed from. */
export interface ListenerRegistry {
  removeAllListeners(channel: string): unknown;
}

/**
 * electron-store's class without its IPC listener. Constructed in the main process, electron-store
 * registers `ipcMain.on('electron-store-get-data')`, which answers any frame with the data folder
 * and app version, no sender checked: a second way into main beside the one IPC wrapper. The
 * window never uses electron-store (it reaches the tasks only through the API), so the listener is
 * removed as each store is built. electron-store registers it once per process, on the first
 * construction; removing it after every one also holds if a later version registers it each time.
 */
export function quietElectronStore(Store: JsonStoreClass, ipc: ListenerRegistry): JsonStoreClass {
  return class QuietElectronStore extends Store {
    constructor(...args: ConstructorParameters<JsonStoreClass>) {
      super(...args);
      ipc.removeAllListeners(ELECTRON_STORE_CHANNEL);
    }
  };
}
