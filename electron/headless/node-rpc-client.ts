import WebSocket from 'ws';
import { JsonRpcClient } from '../../shared/json-rpc-client.js';
import { rawText } from './raw-text.js';

/** Why the command line could not reach Taskdeck, in one line for a person. */
export class ConnectError extends Error {
  override readonly name = 'ConnectError';
}

/** A JSON-RPC client over Node's `ws`, for the command line and tests. */
export interface NodeRpcClient {
  api: JsonRpcClient;
  close(): void;
}

/** Connects to a Taskdeck host at `url` (http://host:port) with `token`. */
export function connectRpc(url: string, token: string, timeoutMs = 5_000): Promise<NodeRpcClient> {
  const wsUrl = `${url.replace(/^http/, 'ws').replace(/\/?(\?.*)?$/, '')}/rpc`;
  return new Promise((resolve, reject) => {
    const api = new JsonRpcClient();
    const ws = new WebSocket(wsUrl, {
      headers: { Authorization: `Bearer ${token}` },
      handshakeTimeout: timeoutMs,
    });
    ws.on('unexpected-response', (_request, response) => {
      ws.terminate();
      const status = response.statusCode ?? 0;
      reject(
        new ConnectError(
          status === 401
            ? `Taskdeck at ${url} refused the token (wrong token)`
            : `Taskdeck at ${url} refused the connection (HTTP ${status})`,
        ),
      );
    });
    ws.on('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ECONNREFUSED' ? 'nothing is listening there' : error.message;
      reject(new ConnectError(`Taskdeck is not running at ${url} (${why})`));
    });
    ws.on('open', () => {
      api.attach({
        send: (text) => {
          ws.send(text);
        },
      });
      resolve({
        api,
        close: () => {
          ws.close();
        },
      });
    });
    ws.on('message', (data) => {
      api.receive(rawText(data));
    });
    ws.on('close', () => {
      api.disconnected('The connection to Taskdeck closed');
    });
  });
}
