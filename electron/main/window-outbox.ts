import type { ApiEvent } from '../../shared/api.js';
import { IPC_CHANNELS, type OpenTarget } from './ipc-channels.js';

/** Sends one message to the window's page (`webContents.send`). */
export type SendToWindow = (channel: string, payload: unknown) => void;

/**
 * The most events held while a page loads. A page that has not loaded yet reads the whole state
 * when it starts, so past this the oldest are dropped rather than held without bound.
 */
export const MAX_HELD_EVENTS = 10_000;

/**
 * Everything main pushes to the window: event batches (already coalesced by the service) and
 * open instructions. While there is no window nothing is kept; while its page loads, events
 * are held (up to `MAX_HELD_EVENTS`) and the latest open instruction is kept; once the page has
 * loaded they go out, the held events as one batch.
 */
export class WindowOutbox {
  private send: SendToWindow | null = null;
  private loaded = false;
  private held: ApiEvent[] = [];
  private pendingOpen: OpenTarget | null = null;

  /** A window exists and its page is loading (a new window, or a reload). */
  loading(send: SendToWindow): void {
    this.send = send;
    this.loaded = false;
  }

  /** The page has loaded: its listeners exist, so everything held goes out now. */
  ready(): void {
    if (this.send === null) return;
    this.loaded = true;
    const held = this.held;
    this.held = [];
    if (held.length > 0) this.send(IPC_CHANNELS.events, held);
    if (this.pendingOpen !== null) {
      this.send(IPC_CHANNELS.open, this.pendingOpen);
      this.pendingOpen = null;
    }
  }

  /** The window is gone; held events are dropped, a pending open waits for the next window. */
  closed(): void {
    this.send = null;
    this.loaded = false;
    this.held = [];
  }

  /** Forwards a batch of events, or holds it while the page loads. */
  events(batch: readonly ApiEvent[]): void {
    if (this.send === null || batch.length === 0) return;
    if (this.loaded) {
      this.send(IPC_CHANNELS.events, batch);
      return;
    }
    this.held.push(...batch);
    if (this.held.length > MAX_HELD_EVENTS) this.held.splice(0, this.held.length - MAX_HELD_EVENTS);
  }

  /** Asks the page to show `target`, now or as soon as a page has loaded. */
  open(target: OpenTarget): void {
    if (this.send !== null && this.loaded) this.send(IPC_CHANNELS.open, target);
    else this.pendingOpen = target;
  }
}
