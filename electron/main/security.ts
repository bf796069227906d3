import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Session,
  WebContents,
} from 'electron';
import { isAllowedRequestUrl, isOwnBlobUrl, isOwnPageUrl } from './app-origin.js';

// Electron's security checklist in one place, written in the forms electronegativity reads
// (literal webPreferences in `new BrowserWindow`, the CSP literal in a `responseHeaders`
// callback). Electron objects come in as arguments, so the decisions run in plain Node tests.

/** The parts of a response's headers this file reads and writes, as webRequest gives them. */
export interface HeaderDetails {
  responseHeaders?: Record<string, string[]>;
}

/**
 * Adds the window's security headers to `details.responseHeaders` and hands the result to
 * `callback`: a strict Content-Security-Policy (our own files only: no remote content, no
 * inline script, no eval), no MIME sniffing, no referrer. It has the shape of a webRequest
 * `onHeadersReceived` listener; the app:// protocol runs its responses through it too.
 */
export function addSecurityHeaders(
  details: HeaderDetails,
  callback: (response: { responseHeaders: Record<string, string[]> }) => void,
): void {
  callback({
    responseHeaders: {
      ...details.responseHeaders,
      'Content-Security-Policy': [
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      ],
      'X-Content-Type-Options': ['nosniff'],
      'Referrer-Policy': ['no-referrer'],
    },
  });
}

/** The headers `addSecurityHeaders` adds, one string each (for a fetch `Response`). */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  addSecurityHeaders({}, ({ responseHeaders }) => {
    for (const [name, values] of Object.entries(responseHeaders)) headers[name] = values.join(', ');
  });
  return headers;
}

/**
 * The session's guards: every permission request and check is denied, downloads other than the
 * window's own export file are refused,
 * any request for something that is not our own page (or data:, blob:, DevTools) is cancelled,
 * and every response carries the security headers.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
  session.webRequest.onHeadersReceived(addSecurityHeaders);
  session.on('will-download', (event, item) => {
    // The window's own export file (a blob of our origin) is saved where the person chooses;
    // nothing else is downloaded.
    if (isOwnBlobUrl(item.getURL())) {
      item.setSaveDialogOptions({
        title: 'Export Taskdeck tasks',
        defaultPath: item.getFilename(),
      });
      return;
    }
    event.preventDefault();
  });
}

/**
 * The page's guards: navigation anywhere but our own origin is prevented (main frame,
 * subframes and redirects), `window.open` and target=_blank are denied, and no <webview> can
 * attach.
 */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isOwnPageUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isOwnPageUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isOwnPageUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/** Where and how big the window opens; x and y are absent to let the system place it. */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

/** What the window is made of besides its fixed security settings. */
export interface SecureWindowOptions {
  /** The bundled preload (one CommonJS file). */
  preload: string;
  placement: WindowPlacement;
  minWidth: number;
  minHeight: number;
  /** The window icon (Linux and Windows; macOS uses the bundle's). */
  icon?: string;
}

/**
 * Creates the window with context isolation, the sandbox, no Node integration anywhere, web
 * security, no insecure content, no experimental features, no <webview>, no auxclick, and
 * the page guards; it starts hidden so it is shown only once it has painted.
 */
export function createSecureWindow(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow,
  options: SecureWindowOptions,
): BrowserWindow {
  const window = new BrowserWindow({
    ...options.placement,
    minWidth: options.minWidth,
    minHeight: options.minHeight,
    ...(options.icon === undefined ? {} : { icon: options.icon }),
    show: false,
    title: 'Taskdeck',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hardenContents(window.webContents);
  return window;
}

/** The frame an IPC message came from, as Electron gives it (`event.senderFrame`). */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * Whether an IPC message may be answered: it must come from a live top-level frame showing
 * our own page, so a subframe or a page that somehow navigated elsewhere gets nothing.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (frame === null || frame === undefined) return false;
  try {
    return frame.parent === null && isOwnPageUrl(frame.url);
  } catch {
    // A frame disposed while its message was in flight throws on access: not trusted.
    return false;
  }
}
