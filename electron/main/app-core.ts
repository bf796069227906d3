import type { JsonStoreClass } from '../adapters/stores/conf-task-store.js';
import type { NodeSystemSignals } from '../adapters/system/node-system-signals.js';
import type { TaskdeckService } from '../core/service/taskdeck-service.js';
import { acquireFolderLock } from '../headless/instance-lock.js';
import { openTaskdeck } from '../headless/open-taskdeck.js';
import { startEndpoint, type RunningEndpoint } from '../headless/rpc-endpoint.js';

/** What the app's core is opened with. */
export interface AppCoreOptions {
  dataDir: string;
  /** electron-store's class in the app (conf's in tests): the task store is the same code. */
  Store: JsonStoreClass;
  /** Fed by powerMonitor in the app. */
  signals: NodeSystemSignals;
  examples: boolean;
}

/** The app without its window: the folder lock, the service and the loopback endpoint. */
export interface AppCore {
  service: TaskdeckService;
  endpoint: RunningEndpoint;
  /**
   * Closes the endpoint, stops firing, gives running work the kill grace period, records what
   * was interrupted, closes the stores and releases the folder. Repeat calls share one stop.
   */
  stop(): Promise<void>;
}

/**
 * Everything the desktop app runs that is not Electron: takes the data folder's lock (shared
 * with headless, so only one Taskdeck runs each folder's jobs; throws `FolderLockedError`
 * naming the holder), opens Taskdeck on it, and starts the same loopback JSON-RPC endpoint and
 * `endpoint.json` as headless so `taskdeck` scripts the running app.
 */
export async function openAppCore(options: AppCoreOptions): Promise<AppCore> {
  const releaseLock = acquireFolderLock(options.dataDir, 'app');
  let opened: Awaited<ReturnType<typeof openTaskdeck>> | null = null;
  try {
    opened = await openTaskdeck(options);
    const endpoint = await startEndpoint(opened.service, {
      dataDir: options.dataDir,
      host: '127.0.0.1',
      port: 0,
      allowRemote: false,
    });
    const open = opened;
    let stopping: Promise<void> | null = null;
    return {
      service: open.service,
      endpoint,
      stop: () =>
        (stopping ??= (async () => {
          try {
            await endpoint.close();
            await open.close();
          } finally {
            releaseLock();
          }
        })()),
    };
  } catch (error) {
    await opened?.close();
    releaseLock();
    throw error;
  }
}
