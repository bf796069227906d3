import type { TaskdeckApi } from '../../shared/api.js';
import { JsonRpcClient } from '../../shared/json-rpc-client.js';
import { ALWAYS_OPEN, type ConnectionSource } from '../store/connection.js';
import { takePageToken } from './page-token.js';
import { preloadApi } from './preload-api.js';
import { WebSocketConnection } from './websocket-connection.js';

/** How the window talks to Taskdeck, or why it cannot. */
export type Transport =
  { kind: 'ready'; api: TaskdeckApi; connection: ConnectionSource } | { kind: 'no-token' };

/**
 * Chooses the transport once, at start-up: the Electron preload's `window.taskdeck` when it
 * is there, else a WebSocket to the host that served this page, authorised by the page's token.
 */
export function connectTransport(): Transport {
  if (window.taskdeck !== undefined) {
    return { kind: 'ready', api: preloadApi(window.taskdeck), connection: ALWAYS_OPEN };
  }
  const token = takePageToken();
  if (token === null) return { kind: 'no-token' };
  const client = new JsonRpcClient();
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const connection = new WebSocketConnection(
    `${scheme}://${window.location.host}/rpc?token=${encodeURIComponent(token)}`,
    client,
    {
      open: (url) => new WebSocket(url),
      onOnline: (retry) => {
        window.addEventListener('online', retry);
      },
    },
  );
  connection.start();
  return { kind: 'ready', api: client, connection };
}
