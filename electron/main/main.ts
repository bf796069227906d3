import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, Notification, powerMonitor, protocol, session } from 'electron';
import Store from 'electron-store';
import { NodeSystemSignals } from '../adapters/system/node-system-signals.js';
import { FolderLockedError } from '../headless/instance-lock.js';
import { parseAppArgs } from './app-args.js';
import { openAppCore, type AppCore } from './app-core.js';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-origin.js';
import { createAppFileHandler } from './app-protocol.js';
import { DesktopNotifications } from './desktop-notifications.js';
import { DesktopTray } from './desktop-tray.js';
import { registerApi } from './ipc-api.js';
import { closeAction, quitsWhenAllClosed, secondLaunchAction } from './lifecycle-decisions.js';
import { loginItemSettings, loginLaunch, setLinuxAutostart } from './login-item.js';
import { MainWindow } from './main-window.js';
import { bindPowerMonitor } from './power-monitor-signals.js';
import { QuitSequence } from './quit-sequence.js';
import { quietElectronStore } from './quiet-electron-store.js';
import { hardenSession } from './security.js';
import type { TrayAction } from './tray-menu.js';
import { TrayStatus } from './tray-status.js';
import { WindowOutbox } from './window-outbox.js';
import { WindowStateFile } from './window-state.js';

// The Electron composition root: the only place that wires Electron to the service. Everything
// with a decision in it lives in a module of its own that plain Node tests exercise.

const here = dirname(fileURLToPath(import.meta.url));
/** dist/electron/main -> dist/electron/preload.cjs, dist/renderer, assets (packaged alike). */
const PRELOAD = join(here, '..', 'preload.cjs');
const RENDERER_DIR = join(here, '..', '..', 'renderer');
const ASSETS_DIR = join(here, '..', '..', '..', 'assets');
const APP_ICON = join(ASSETS_DIR, 'icon.png');
const APP_ID = 'dev.taskdeck.app';

const log = (message: string, error: unknown) => {
  console.error(`Taskdeck: ${message}`, error);
};

// Before `ready` (ES modules load asynchronously, so this runs at the top level): the data
// folder (the same one headless uses, or --data-dir) doubles as userData, which also scopes the
// single-instance lock to it; Chromium's caches go to a folder of their own inside it; the
// app:// scheme gets its privileges.
const args = parseAppArgs(process.argv);
const dataDir = args.dataDir ?? join(app.getPath('appData'), 'Taskdeck');
app.setName('Taskdeck');
app.setPath('userData', dataDir);
app.setPath('sessionData', join(dataDir, 'chromium'));
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  // Another Taskdeck has this folder; it shows its window (`second-instance`) and we leave.
  app.quit();
} else {
  start().catch((error: unknown) => {
    log('could not start', error);
    dialog.showErrorBox(
      'Taskdeck could not start',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppFileHandler(RENDERER_DIR));

  const signals = new NodeSystemSignals();
  let core: AppCore;
  try {
    core = await openAppCore({
      dataDir,
      Store: quietElectronStore(Store, ipcMain),
      signals,
      examples: args.examples,
    });
  } catch (error) {
    if (!(error instanceof FolderLockedError)) throw error;
    dialog.showErrorBox('Taskdeck is already running', error.message);
    app.exit(1);
    return;
  }
  try {
    await run(core, signals);
  } catch (error) {
    await core.stop();
    throw error;
  }
}

async function run(core: AppCore, signals: NodeSystemSignals): Promise<void> {
  const { service } = core;
  const outbox = new WindowOutbox();
  const status = new TrayStatus(
    await service.invoke('tasks.list', {}),
    await service.invoke('scheduler.status', {}),
  );
  let quit: QuitSequence | null = null;

  const window = new MainWindow({
    preload: PRELOAD,
    icon: APP_ICON,
    stateFile: new WindowStateFile(dataDir),
    outbox,
    hideOnClose: () =>
      closeAction({
        quitting: quit?.quitting === true,
        closeToTray: service.currentSettings.closeToTray,
      }) === 'hide',
    onFocus: () => {
      status.acknowledge();
      tray.show(status.snapshot());
    },
    log,
  });
  const notifications = new DesktopNotifications({
    Notification,
    icon: APP_ICON,
    open: (target) => {
      window.open(target);
    },
  });

  const dispatch = (action: TrayAction): void => {
    switch (action.type) {
      case 'open':
        window.show();
        return;
      case 'open-task':
        window.open({ kind: 'task', taskId: action.taskId });
        return;
      case 'open-execution':
        window.open({ kind: 'execution', taskId: action.taskId, executionId: action.executionId });
        return;
      case 'run-now':
        service.invoke('tasks.runNow', { id: action.taskId }).catch((error: unknown) => {
          notifications.message(
            'Taskdeck could not run the task',
            error instanceof Error ? error.message : String(error),
          );
        });
        return;
      case 'pause-all':
      case 'resume-all':
        service
          .invoke(action.type === 'pause-all' ? 'scheduler.pauseAll' : 'scheduler.resumeAll', {})
          .catch((error: unknown) => {
            log(`${action.type} failed`, error);
          });
        return;
      case 'quit':
        app.quit();
        return;
    }
  };
  const tray = new DesktopTray(ASSETS_DIR, dispatch);
  tray.show(status.snapshot());

  const unregisterApi = registerApi(ipcMain, service);
  const unsubscribe = service.subscribe((batch) => {
    outbox.events(batch);
    status.apply(batch);
    if (window.isFocused()) status.acknowledge();
    tray.show(status.snapshot());
  });
  const unnotice = service.onNotice(({ execution }) => {
    notifications.run(execution);
  });
  const unbindPower = bindPowerMonitor(powerMonitor, signals);

  const launch = loginLaunch({
    execPath: process.execPath,
    appPath: app.getAppPath(),
    isPackaged: app.isPackaged,
    appImage: process.env.APPIMAGE,
    dataDir: args.dataDir,
  });
  const applyLaunchAtLogin = (enabled: boolean) => {
    if (process.platform === 'linux') {
      setLinuxAutostart(enabled, launch).catch((error: unknown) => {
        log('could not change launch at login', error);
      });
    } else {
      app.setLoginItemSettings(loginItemSettings(enabled, launch));
    }
  };
  applyLaunchAtLogin(service.currentSettings.launchAtLogin);
  const unsettings = service.onSettings((settings) => {
    applyLaunchAtLogin(settings.launchAtLogin);
  });

  quit = new QuitSequence(
    async () => {
      unsettings();
      unnotice();
      unsubscribe();
      unbindPower();
      unregisterApi();
      tray.destroy();
      await window.saveState().catch((error: unknown) => {
        log('could not save the window position', error);
      });
      await core.stop();
    },
    () => {
      app.quit();
    },
  );
  app.on('before-quit', quit.onBeforeQuit);
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (secondLaunchAction(argv, workingDirectory) === 'show') window.show();
  });
  app.on('activate', () => {
    window.show();
  });
  app.on('window-all-closed', () => {
    if (quitsWhenAllClosed(service.currentSettings.closeToTray)) app.quit();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      app.quit();
    });
  }

  const openedAtLogin =
    process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
  if (!args.hidden && !openedAtLogin) window.show();
}
