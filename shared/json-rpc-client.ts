import type {
  ApiEvent,
  ApiEventName,
  EventPayloads,
  MethodName,
  CallParams,
  MethodResult,
  TaskdeckApi,
} from './api.js';
import { fromWireError, TaskdeckError } from './errors.js';

/** The little a JSON-RPC client needs from a WebSocket, in the browser or in Node. */
export interface RpcSocket {
  send(text: string): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: TaskdeckError): void;
}

type AnyListener = (data: never) => void;

/**
 * The client half of API.md's JSON-RPC 2.0: one request, one response, matched by id; event
 * notifications fanned out to listeners by type. The transport feeds it messages and closes;
 * the same code serves the window (browser WebSocket) and the command line (Node `ws`).
 */
export class JsonRpcClient implements TaskdeckApi {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<ApiEventName, Set<AnyListener>>();
  private socket: RpcSocket | null = null;

  /** Uses `socket` for calls from now on (after a reconnect, the new one). */
  attach(socket: RpcSocket | null): void {
    this.socket = socket;
  }

  call<M extends MethodName>(method: M, ...params: CallParams<M>): Promise<MethodResult<M>> {
    const socket = this.socket;
    if (socket === null)
      return Promise.reject(new TaskdeckError('internal', 'Not connected to Taskdeck'));
    const id = this.nextId++;
    return new Promise<MethodResult<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve, reject });
      socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params: params[0] ?? {} }));
    });
  }

  on<E extends ApiEventName>(event: E, listener: (data: EventPayloads[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Feeds one message from the socket. */
  receive(text: string): void {
    let message: {
      id?: unknown;
      result?: unknown;
      error?: unknown;
      method?: unknown;
      params?: unknown;
    };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (message.method === 'event') {
      const events = (message.params as { events?: ApiEvent[] } | undefined)?.events ?? [];
      for (const event of events) this.dispatch(event);
      return;
    }
    if (typeof message.id !== 'number') return;
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    this.pending.delete(message.id);
    if (message.error !== undefined) pending.reject(fromWireError(message.error));
    else pending.resolve(message.result);
  }

  /** The connection is gone: every call waiting for an answer fails with `reason`. */
  disconnected(reason: string): void {
    this.socket = null;
    const error = new TaskdeckError('internal', reason);
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  private dispatch(event: ApiEvent): void {
    const set = this.listeners.get(event.type);
    if (set === undefined) return;
    for (const listener of set) {
      try {
        (listener as (data: unknown) => void)(event.data);
      } catch (error) {
        console.error(`Taskdeck: a "${event.type}" listener threw`, error);
      }
    }
  }
}
