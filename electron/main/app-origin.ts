/** The scheme the window's files are served on (`app://taskdeck/…`), never file:// or HTTP. */
export const APP_SCHEME = 'app';
/** The one host of `APP_SCHEME`: the window's origin is `app://taskdeck`. */
export const APP_HOST = 'taskdeck';
/** The page the window loads. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The privileges of `APP_SCHEME` (registered before the app is ready): standard and secure so
 * it has a real origin, relative URLs and secure-context APIs; CORS-enabled because the module
 * scripts Vite emits load in CORS mode.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
};

/** Whether `url` is on the window's own origin (`app://taskdeck`), with no user, password or port. */
export function isOwnPageUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Whether the window may request `url` at all: its own origin, inline `data:`/`blob:` values,
 * and DevTools' own pages. Everything else (http, https, ws, file, other schemes) is remote or
 * foreign content and is cancelled.
 */
export function isAllowedRequestUrl(url: string): boolean {
  if (isOwnPageUrl(url)) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  return scheme === 'data' || scheme === 'blob' || scheme === 'devtools';
}

/**
 * Whether a download is one the window made itself: a `blob:` URL of our own origin (the
 * export file). Only those may be saved; anything else is refused.
 */
export function isOwnBlobUrl(url: string): boolean {
  return url.startsWith('blob:') && isOwnPageUrl(url.slice('blob:'.length));
}
