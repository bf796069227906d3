import { BrowserWindow, screen } from 'electron';
import { APP_INDEX_URL } from './app-origin.js';
import type { OpenTarget } from './ipc-channels.js';
import { createSecureWindow } from './security.js';
import type { WindowOutbox } from './window-outbox.js';
import {
  MIN_SIZE,
  restorePlacement,
  type WindowState,
  type WindowStateFile,
} from './window-state.js';

/** What the main window is built with. */
export interface MainWindowOptions {
  preload: string;
  icon: string;
  stateFile: WindowStateFile;
  outbox: WindowOutbox;
  /** Asked on every close: true hides the window to the tray instead of closing it. */
  hideOnClose(): boolean;
  /** The person is looking at the window (it gained focus). */
  onFocus(): void;
  log(message: string, error: unknown): void;
}

/** Window moves and resizes are saved once they have stopped for this long. */
const SAVE_DELAY_MS = 500;

/**
 * The one Taskdeck window: created on first show (a launch at login starts in the tray without
 * it), placed where it was last time, hidden instead of closed when close-to-tray is on, and
 * wired to the outbox so events and open instructions reach its page once it has loaded.
 */
export class MainWindow {
  private window: BrowserWindow | null = null;
  private creating: Promise<BrowserWindow> | null = null;
  private saveTimer: NodeJS.Timeout | null = null;
  /** The bounds last seen, kept so they can be saved after the window is gone. */
  private state: WindowState | null = null;

  constructor(private readonly options: MainWindowOptions) {}

  /** Shows the window (creating it if needed), restored and focused. */
  show(): void {
    const window = this.window;
    if (window !== null && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return;
    }
    this.create().catch((error: unknown) => {
      this.options.log('could not open the window', error);
    });
  }

  /** Shows the window and asks its page to open `target`. */
  open(target: OpenTarget): void {
    this.show();
    this.options.outbox.open(target);
  }

  /** Whether the window exists and has the focus. */
  isFocused(): boolean {
    return this.window !== null && !this.window.isDestroyed() && this.window.isFocused();
  }

  /** Saves the window's last bounds now (on quit, before the process ends). */
  async saveState(): Promise<void> {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.state !== null) await this.options.stateFile.save(this.state);
  }

  private create(): Promise<BrowserWindow> {
    this.creating ??= this.build().finally(() => {
      this.creating = null;
    });
    return this.creating;
  }

  private async build(): Promise<BrowserWindow> {
    const { placement, maximized } = restorePlacement(
      await this.options.stateFile.load(),
      screen.getAllDisplays().map((display) => display.workArea),
    );
    const window = createSecureWindow(BrowserWindow, {
      preload: this.options.preload,
      placement,
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      icon: this.options.icon,
    });
    this.window = window;
    const contents = window.webContents;
    const outbox = this.options.outbox;
    const send = (channel: string, payload: unknown) => {
      if (!contents.isDestroyed()) contents.send(channel, payload);
    };
    outbox.loading(send);
    contents.on('did-start-loading', () => {
      outbox.loading(send);
    });
    contents.on('did-finish-load', () => {
      outbox.ready();
    });
    contents.on('render-process-gone', (_event, details) => {
      this.options.log('the window crashed; reloading it', details.reason);
      outbox.loading(send);
      if (details.reason !== 'clean-exit') contents.reload();
    });
    window.once('ready-to-show', () => {
      if (maximized) window.maximize();
      window.show();
      window.focus();
    });
    window.on('focus', () => {
      this.options.onFocus();
    });
    const capture = () => {
      this.state = { ...window.getNormalBounds(), maximized: window.isMaximized() };
    };
    const saveSoon = () => {
      capture();
      if (this.saveTimer !== null) clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => {
        this.saveState().catch((error: unknown) => {
          this.options.log('could not save the window position', error);
        });
      }, SAVE_DELAY_MS);
    };
    window.on('resize', saveSoon);
    window.on('move', saveSoon);
    window.on('maximize', saveSoon);
    window.on('unmaximize', saveSoon);
    window.on('close', (event) => {
      // A real close is followed by quitting, whose shutdown saves what is captured here.
      capture();
      if (this.options.hideOnClose()) {
        event.preventDefault();
        window.hide();
        saveSoon();
      }
    });
    window.on('closed', () => {
      outbox.closed();
      this.window = null;
    });
    await window.loadURL(APP_INDEX_URL);
    return window;
  }
}
