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
