import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JsonStoreClass } from '../../electron/adapters/stores/conf-task-store.js';
import { NodeSystemSignals } from '../../electron/adapters/system/node-system-signals.js';
import { openAppCore } from '../../electron/main/app-core.js';
import { registerApi } from '../../electron/main/ipc-api.js';
import { IPC_CHANNELS } from '../../electron/main/ipc-channels.js';
import {
  ELECTRON_STORE_CHANNEL,
  quietElectronStore,
} from '../../electron/main/quiet-electron-store.js';
import { commandTask } from './real-taskdeck.js';
import { makeTempDir, removeDir } from './temp-dir.js';

// The real electron-store (inlined by vitest.config.ts, so that its `import electron` meets this
// mock) over stand-ins for the ipcMain and app it reads: no Electron binary can exist here.
const { ipcMain } = await vi.hoisted(async () => {
  const { StandInIpcMain } = await import('./electron-stand-ins.js');
  return { ipcMain: new StandInIpcMain() };
});
vi.mock('electron', () => ({
  default: {
    ipcMain,
    app: { getPath: () => '/nonexistent/userData', getVersion: () => '0.1.0' },
  },
}));

/** electron-store freshly imported: it registers its listener once per module instance. */
async function freshElectronStore(): Promise<JsonStoreClass> {
  vi.resetModules();
  return (await import('electron-store')).default;
}

let dataDir: string;
beforeEach(async () => {
  dataDir = await makeTempDir('electron-store');
  ipcMain.reset();
});
afterEach(async () => {
  await removeDir(dataDir);
});

describe('electron-store in the main process (Electron binary unavailable: stand-in ipcMain)', () => {
  it('as built, it listens on a channel of its own that answers any frame', async () => {
    const ElectronStore = await freshElectronStore();
    new ElectronStore({ cwd: dataDir, configName: 'x', name: 'x', configFileMode: 0o600 });
    expect(ipcMain.listenedOn()).toEqual([ELECTRON_STORE_CHANNEL]);
    const event: { returnValue?: unknown; senderFrame: { url: string } } = {
      senderFrame: { url: 'https://example.com/' },
    };
    ipcMain.emit(ELECTRON_STORE_CHANNEL, event);
    expect(event.returnValue).toEqual({ defaultCwd: '/nonexistent/userData', appVersion: '0.1.0' });
  });

  it("quieted, under the app's core, leaves Taskdeck's one API channel the only way in", async () => {
    const Store = quietElectronStore(await freshElectronStore(), ipcMain);
    const core = await openAppCore({
      dataDir,
      Store,
      signals: new NodeSystemSignals(),
      examples: false,
    });
    const unregister = registerApi(ipcMain, core.service);
    try {
      const task = await core.service.invoke('tasks.create', commandTask('Stored', 'true'));
      // electron-store did write the tasks file, and did add its listener on the way.
      const tasksFile = join(dataDir, 'tasks.json');
      expect(existsSync(tasksFile)).toBe(true);
      expect(readFileSync(tasksFile, 'utf8')).toContain(task.id);
      expect([...ipcMain.everListenedOn]).toContain(ELECTRON_STORE_CHANNEL);

      expect(ipcMain.listenedOn()).toEqual([]);
      expect([...ipcMain.handlers.keys()]).toEqual([IPC_CHANNELS.call]);
    } finally {
      unregister();
      await core.stop();
    }
  });
});
