const KEY = 'taskdeck.token';

/**
 * The access token the page was opened with (`?token=`), taken out of the address bar so it
 * is not left in history or screenshots, and kept in sessionStorage for reloads and
 * reconnects. Null when the page was opened without one.
 */
export function takePageToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null && fromUrl !== '') {
    sessionStorage.setItem(KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(
      window.history.state,
      '',
      `${url.pathname}${url.search}${url.hash}`,
    );
    return fromUrl;
  }
  return sessionStorage.getItem(KEY);
}
