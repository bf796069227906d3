import { EventEmitter } from 'node:events';
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Session,
  WebContents,
} from 'electron';

// Stand-ins for the few Electron objects whose use the tests check. The Electron binary cannot
// be downloaded on these machines, so these record what the code under test registers and let
// the tests call it the way Electron would. Tests using them say so in their names.

type Handler = (...args: never[]) => unknown;

/** Records `on(event, listener)` registrations and calls them like an emitter. */
export class Recorder {
  readonly listeners = new Map<string, Handler[]>();

  on(event: string, listener: Handler): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  /** Calls every listener of `event` with `args`, returning what they returned. */
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((listener) =>
      (listener as (...values: unknown[]) => unknown)(...args),
    );
  }
}

/** A navigation-style event: records whether `preventDefault` was called. */
export function navigationEvent(url: string): {
  url: string;
  prevented: boolean;
  preventDefault(): void;
} {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

/** Stand-in webContents: records listeners and the window-open handler. */
export class StandInContents extends Recorder {
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;

  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }

  asWebContents(): WebContents {
    return this as unknown as WebContents;
  }
}

/** Stand-in BrowserWindow class: keeps the options it was built with. */
export class StandInWindow {
  static created: StandInWindow[] = [];
  readonly webContents = new StandInContents();

  constructor(readonly options: BrowserWindowConstructorOptions) {
    StandInWindow.created.push(this);
  }

  static asClass(): new (options: BrowserWindowConstructorOptions) => BrowserWindow {
    return StandInWindow as unknown as new (
      options: BrowserWindowConstructorOptions,
    ) => BrowserWindow;
  }
}

/** Stand-in session: records its permission handlers and webRequest listeners. */
export class StandInSession extends Recorder {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  devicePermissionHandler: Handler | null = null;
  readonly webRequest = {
    beforeRequest: null as Handler | null,
    headersReceived: null as Handler | null,
    onBeforeRequest: (listener: Handler) => {
      this.webRequest.beforeRequest = listener;
    },
    onHeadersReceived: (listener: Handler) => {
      this.webRequest.headersReceived = listener;
    },
  };

  setPermissionRequestHandler(handler: Handler): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: Handler): void {
    this.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: Handler): void {
    this.devicePermissionHandler = handler;
  }

  asSession(): Session {
    return this as unknown as Session;
  }
}

/**
 * Stand-in ipcMain: an EventEmitter for `on` listeners, as Electron's is, plus the invoke
 * handlers; remembers every channel a listener was ever added on.
 */
export class StandInIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  readonly everListenedOn = new Set<string>();

  constructor() {
    super();
    this.on('newListener', (channel: string | symbol) => {
      if (typeof channel === 'string' && channel !== 'newListener')
        this.everListenedOn.add(channel);
    });
  }

  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Forgets every listener, handler and channel (its own bookkeeping listener stays). */
  reset(): void {
    for (const channel of this.listenedOn()) this.removeAllListeners(channel);
    this.handlers.clear();
    this.everListenedOn.clear();
  }

  /** Channels with `on` listeners now (its own bookkeeping listener aside). */
  listenedOn(): string[] {
    return this.eventNames().filter(
      (name): name is string => typeof name === 'string' && name !== 'newListener',
    );
  }
}

/** What a stand-in Notification was built with. */
export interface NotificationOptions {
  title: string;
  body: string;
  icon: string;
}

/**
 * A stand-in Notification class of its own (Electron's shape: `isSupported()`, `on`, `show`)
 * and the notifications shown through it, in order.
 */
export function standInNotifications(supported = true) {
  const shown: StandInNotification[] = [];
  class StandInNotification extends Recorder {
    static isSupported(): boolean {
      return supported;
    }

    constructor(readonly options: NotificationOptions) {
      super();
    }

    show(): void {
      shown.push(this);
    }
  }
  return { Notification: StandInNotification, shown };
}

/** A notification shown through `standInNotifications`. */
export type StandInNotification = InstanceType<
  ReturnType<typeof standInNotifications>['Notification']
>;
