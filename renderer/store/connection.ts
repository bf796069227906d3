/** How the window's link to Taskdeck stands. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

/**
 * The transport's side of the link: the bridge listens here to show the state and to reload
 * everything after a reconnect. The Electron preload is always `open`.
 */
export interface ConnectionSource {
  /** Calls `listener` with the current state at once and again on every change. */
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

/** A link that never drops (the Electron preload). */
export const ALWAYS_OPEN: ConnectionSource = {
  subscribe(listener) {
    listener('open');
    return () => undefined;
  },
};
