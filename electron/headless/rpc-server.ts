import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiEvent } from '../../shared/api.js';
import { TaskdeckError, toWireError } from '../../shared/errors.js';
import { checkAccess } from './access-check.js';
import { rawText } from './raw-text.js';

/** The largest JSON-RPC message accepted; a task document is far smaller. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** A client this far behind on reading is cut off rather than buffered without bound. */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
const PING_MS = 30_000;

/** What the RPC endpoint serves: calls and event batches. */
export interface RpcTarget {
  /** Answers a call with its result's JSON text (a large result may be written from parts). */
  callJson(method: unknown, params: unknown): Promise<string>;
  subscribe(listener: (batch: ApiEvent[]) => void): () => void;
}

interface RpcRequest {
  jsonrpc: '2.0';
  id?: string | number | null;
  method: string;
  params?: unknown;
}

const rpcError = (id: RpcRequest['id'] | null, error: TaskdeckError) =>
  JSON.stringify({ jsonrpc: '2.0', id: id ?? null, error: toWireError(error) });

function reject(socket: Duplex, status: 401 | 403 | 404, reason: string): void {
  const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

/**
 * JSON-RPC 2.0 over WebSocket at `/rpc`: access is checked at the upgrade (401/403 as API.md
 * says), every request is answered once (a notification, a request without an id, never is),
 * and event batches go to each client as notifications. Frames that are not one request are
 * answered with `id: null` and `data.code` `parse_error` or `invalid_request`.
 */
export function attachRpc(
  server: Server,
  target: RpcTarget,
  options: { token: string; port: () => number; allowRemote: boolean; ownHost?: string },
): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== '/rpc') {
      reject(socket, 404, 'Not found');
      return;
    }
    const verdict = checkAccess(
      {
        host: request.headers.host,
        origin: request.headers.origin,
        authorization: request.headers.authorization,
        url: request.url,
      },
      {
        port: options.port(),
        token: options.token,
        allowRemote: options.allowRemote,
        ...(options.ownHost === undefined ? {} : { ownHost: options.ownHost }),
      },
    );
    if (!verdict.ok) {
      reject(socket, verdict.status, verdict.reason);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      serve(ws, target);
    });
  });

  const ping = setInterval(() => {
    for (const ws of wss.clients) {
      const client = ws as WebSocket & { alive?: boolean };
      if (client.alive === false) {
        client.terminate();
        continue;
      }
      client.alive = false;
      client.ping();
    }
  }, PING_MS);
  ping.unref();

  return {
    close() {
      clearInterval(ping);
      for (const ws of wss.clients) ws.close(1001, 'Taskdeck is stopping');
      wss.close();
    },
  };
}

function serve(ws: WebSocket & { alive?: boolean }, target: RpcTarget): void {
  ws.alive = true;
  ws.on('pong', () => {
    ws.alive = true;
  });
  const send = (text: string) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      // It stopped reading: cut it off so it cannot make the host hold unbounded memory.
      ws.terminate();
      return;
    }
    ws.send(text);
  };
  const unsubscribe = target.subscribe((events) => {
    send(JSON.stringify({ jsonrpc: '2.0', method: 'event', params: { events } }));
  });
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      send(
        rpcError(
          null,
          new TaskdeckError('invalid_request', 'Invalid request: send JSON text frames'),
        ),
      );
      return;
    }
    let request: unknown;
    try {
      request = JSON.parse(rawText(data));
    } catch {
      send(
        rpcError(null, new TaskdeckError('parse_error', 'Parse error: the message is not JSON')),
      );
      return;
    }
    void answer(request).then((reply) => {
      if (reply !== null) send(reply);
    });
  });

  /** The reply to one parsed frame, or null for a notification (JSON-RPC 2.0: never answered). */
  async function answer(request: unknown): Promise<string | null> {
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      return rpcError(
        null,
        new TaskdeckError(
          'invalid_request',
          'Invalid request: expected one JSON-RPC 2.0 request object',
        ),
      );
    }
    const { jsonrpc, id, method, params } = request as Partial<RpcRequest>;
    const validId =
      id === undefined || id === null || typeof id === 'string' || typeof id === 'number';
    if (jsonrpc !== '2.0' || typeof method !== 'string' || !validId) {
      return rpcError(
        validId ? id : null,
        new TaskdeckError(
          'invalid_request',
          'Invalid request: needs jsonrpc "2.0", a method and a string or number id',
        ),
      );
    }
    // A request without an id is a notification: it runs, and nothing is sent back, not even
    // an error (the sender said it does not want one).
    const notification = !Object.hasOwn(request, 'id');
    const reply = (text: string) => (notification ? null : text);
    if (
      params !== undefined &&
      (typeof params !== 'object' || params === null || Array.isArray(params))
    ) {
      return reply(
        rpcError(
          id,
          new TaskdeckError('invalid_params', 'params must be an object', [
            { path: [], message: 'Must be an object' },
          ]),
        ),
      );
    }
    try {
      const result = await target.callJson(method, params ?? {});
      // What JSON.stringify would write for the whole reply, around text already written.
      return reply(`{"jsonrpc":"2.0","id":${JSON.stringify(id ?? null)},"result":${result}}`);
    } catch (error) {
      if (error instanceof TaskdeckError) return reply(rpcError(id, error));
      console.error(`Taskdeck: ${method} failed`, error);
      return reply(
        rpcError(
          id,
          new TaskdeckError('internal', 'Internal error; details are in the Taskdeck log'),
        ),
      );
    }
  }
}
