import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY as HEADLESS_CSP } from '../../electron/headless/static-files.js';
import {
  APP_INDEX_URL,
  isAllowedRequestUrl,
  isOwnPageUrl,
} from '../../electron/main/app-origin.js';
import {
  addSecurityHeaders,
  createSecureWindow,
  hardenContents,
  hardenSession,
  isTrustedSender,
  securityHeaders,
} from '../../electron/main/security.js';
import {
  navigationEvent,
  StandInContents,
  StandInSession,
  StandInWindow,
} from './electron-stand-ins.js';

describe('the window origin', () => {
  it.each([
    [APP_INDEX_URL, true],
    ['app://taskdeck/', true],
    ['app://taskdeck/index.html#/tasks/5b0c', true],
    ['app://TASKDECK/index.html', true],
    ['app://taskdeck.evil.com/', false],
    ['app://taskdeck@evil/', false],
    ['app://user:pw@taskdeck/', false],
    ['app://taskdeck:8080/', false],
    ['app://other/', false],
    ['file:///work/main/dist/renderer/index.html', false],
    ['http://127.0.0.1:7421/', false],
    ['https://taskdeck/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
    ['', false],
  ])('%s is our own page: %s', (url, own) => {
    expect(isOwnPageUrl(url)).toBe(own);
  });

  it.each([
    ['app://taskdeck/assets/index.js', true],
    ['data:image/png;base64,AAAA', true],
    ['blob:app://taskdeck/1234', true],
    ['devtools://devtools/bundled/inspector.html', true],
    ['https://example.com/tracker.js', false],
    ['http://127.0.0.1:7421/rpc', false],
    ['ws://127.0.0.1:7421/rpc', false],
    ['file:///etc/passwd', false],
    ['app://elsewhere/x.js', false],
    ['chrome://gpu', false],
  ])('a request for %s is allowed: %s', (url, allowed) => {
    expect(isAllowedRequestUrl(url)).toBe(allowed);
  });
});

describe('security settings (Electron binary unavailable: stand-in)', () => {
  it('creates the window isolated, sandboxed, without Node, hidden until painted', () => {
    const window = createSecureWindow(StandInWindow.asClass(), {
      preload: '/app/dist/electron/preload.cjs',
      placement: { width: 1000, height: 700 },
      minWidth: 720,
      minHeight: 480,
    });
    const options = StandInWindow.created.at(-1)!.options;
    expect(window).toBe(StandInWindow.created.at(-1));
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual({
      preload: '/app/dist/electron/preload.cjs',
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
    });
    // The page guards are installed on the window it made.
    const contents = StandInWindow.created.at(-1)!.webContents;
    expect(contents.windowOpenHandler).not.toBeNull();
    expect([...contents.listeners.keys()]).toEqual(
      expect.arrayContaining(['will-navigate', 'will-frame-navigate', 'will-redirect']),
    );
  });

  it('blocks navigation away from our page, window.open and <webview>', () => {
    const contents = new StandInContents();
    hardenContents(contents.asWebContents());
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = navigationEvent('https://example.com/phish');
      contents.emit(event, away);
      expect(away.prevented, event).toBe(true);
      const fileUrl = navigationEvent('file:///etc/passwd');
      contents.emit(event, fileUrl);
      expect(fileUrl.prevented, event).toBe(true);
      const own = navigationEvent('app://taskdeck/index.html');
      contents.emit(event, own);
      expect(own.prevented, event).toBe(false);
    }
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'app://taskdeck/index.html' })).toEqual({
      action: 'deny',
    });
    const webview = navigationEvent('');
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
  });

  it('denies every permission, cancels foreign requests and refuses downloads but its own export', () => {
    const session = new StandInSession();
    hardenSession(session.asSession());

    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      (session.permissionRequestHandler as (...a: unknown[]) => void)(
        null,
        permission,
        (ok: boolean) => granted.push(ok),
      );
    }
    expect(granted).toEqual([false, false, false, false]);
    expect((session.permissionCheckHandler as () => boolean)()).toBe(false);
    expect((session.devicePermissionHandler as () => boolean)()).toBe(false);

    const decide = (url: string) => {
      let cancel: boolean | undefined;
      (session.webRequest.beforeRequest as (...a: unknown[]) => void)(
        { url },
        (r: { cancel: boolean }) => {
          cancel = r.cancel;
        },
      );
      return cancel;
    };
    expect(decide('app://taskdeck/assets/index.js')).toBe(false);
    expect(decide('https://cdn.example.com/lib.js')).toBe(true);
    expect(decide('file:///home/me/.ssh/id_ed25519')).toBe(true);

    const download = (url: string) => {
      const event = navigationEvent(url);
      const dialogs: unknown[] = [];
      const item = {
        getURL: () => url,
        getFilename: () => 'taskdeck-tasks.json',
        setSaveDialogOptions: (options: unknown) => dialogs.push(options),
      };
      session.emit('will-download', event, item);
      return { prevented: event.prevented, dialogs };
    };
    expect(download('https://example.com/x.zip')).toEqual({ prevented: true, dialogs: [] });
    expect(download('blob:https://evil.example/5b0c')).toEqual({ prevented: true, dialogs: [] });
    // The window's own export file is saved where the person chooses.
    expect(download('blob:app://taskdeck/5b0c-77')).toEqual({
      prevented: false,
      dialogs: [{ title: 'Export Taskdeck tasks', defaultPath: 'taskdeck-tasks.json' }],
    });
    expect(session.webRequest.headersReceived).toBe(addSecurityHeaders);
  });

  it('adds a strict CSP to every response, the same one the headless host sends', () => {
    let headers: Record<string, string[]> = {};
    addSecurityHeaders({ responseHeaders: { 'Content-Type': ['text/html'] } }, (response) => {
      headers = response.responseHeaders;
    });
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
    const csp = headers['Content-Security-Policy']?.[0] ?? '';
    // One window, one policy, whichever host serves it.
    expect(csp).toBe(HEADLESS_CSP);
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(securityHeaders()['Content-Security-Policy']).toBe(csp);
  });

  it('answers IPC only from our own top-level page', () => {
    const top = { url: 'app://taskdeck/index.html', parent: null };
    expect(isTrustedSender(top)).toBe(true);
    expect(isTrustedSender({ url: 'app://taskdeck/index.html', parent: top })).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/', parent: null })).toBe(false);
    expect(
      isTrustedSender({ url: 'file:///work/main/dist/renderer/index.html', parent: null }),
    ).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    expect(isTrustedSender(disposed)).toBe(false);
  });
});
