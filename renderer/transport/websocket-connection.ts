import type { JsonRpcClient } from '../../shared/json-rpc-client.js';
import type { ConnectionSource, ConnectionState } from '../store/connection.js';

/** First retry delay; it doubles per failed attempt up to MAX_DELAY_MS. */
export const FIRST_DELAY_MS = 250;
/** Longest wait between attempts, so a returning Taskdeck is found within seconds. */
export const MAX_DELAY_MS = 5_000;

/** The little of a WebSocket this needs; the browser's and Node's `ws` both have it. */
export interface SocketLike {
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  send(text: string): void;
  close(): void;
}

/** How the connection reaches its environment (the browser's, or a test's). */
export interface ConnectionEnvironment {
  open(url: string): SocketLike;
  /** Calls `retry` when the network comes back, so waiting out a backoff is not needed. */
  onOnline?(retry: () => void): void;
}

/**
 * A WebSocket to the host that feeds `client` and comes back by itself: when the socket
 * closes, pending calls fail, and it reconnects with exponential backoff (jittered, so many
 * windows do not knock at once) until it is open again. `connecting` until the first open;
 * `reconnecting` after a drop.
 */
export class WebSocketConnection implements ConnectionSource {
  private state: ConnectionState = 'connecting';
  private readonly listeners = new Set<(state: ConnectionState) => void>();
  private failures = 0;
  private opened = false;
  private stopped = false;
  private socket: SocketLike | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly url: string,
    private readonly client: JsonRpcClient,
    private readonly environment: ConnectionEnvironment,
  ) {}

  /** Opens the first socket. */
  start(): void {
    this.environment.onOnline?.(() => {
      if (this.socket === null && !this.stopped) this.connectNow();
    });
    this.connect();
  }

  /** Closes the socket for good (no reconnect). */
  stop(): void {
    this.stopped = true;
    if (this.retry !== null) clearTimeout(this.retry);
    this.retry = null;
    this.socket?.close();
  }

  subscribe(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  private connectNow(): void {
    if (this.retry !== null) clearTimeout(this.retry);
    this.retry = null;
    this.connect();
  }

  private connect(): void {
    const socket = this.environment.open(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.failures = 0;
      this.opened = true;
      this.client.attach({
        send: (text) => {
          socket.send(text);
        },
      });
      this.setState('open');
    });
    socket.addEventListener('message', (event) => {
      if (typeof event.data === 'string') this.client.receive(event.data);
    });
    // An error is always followed by close, so close alone decides what happens next; the
    // listener only keeps an error from going unhandled (Node's `ws` throws without one).
    socket.addEventListener('error', () => undefined);
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.client.disconnected('The connection to Taskdeck closed');
      if (this.stopped) return;
      this.setState(this.opened ? 'reconnecting' : 'connecting');
      const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.failures);
      this.failures++;
      this.retry = setTimeout(
        () => {
          this.retry = null;
          this.connect();
        },
        delay * (0.8 + Math.random() * 0.4),
      );
    });
  }
}
