import { contextBridge, ipcRenderer } from 'electron';
import type {
  ApiEvent,
  ApiEventName,
  CallParams,
  EventPayloads,
  MethodName,
  MethodResult,
} from '../shared/api.js';
import type { DesktopBridge, OpenTarget } from '../shared/desktop-bridge.js';
import { fromWireError, TaskdeckError, toWireError } from '../shared/errors.js';
import { IPC_CHANNELS, isOpenTarget, type IpcEnvelope } from './main/ipc-channels.js';

// The sandboxed preload: bundled into one CommonJS file, it exposes exactly one narrow object,
// `window.taskdeck`, and never ipcRenderer itself. Values only cross the bridge by copy, and an Error crossing it
// keeps nothing but its message, so a failed call rejects with the plain WireError (as JSON-RPC
// carries it); the window turns it back into a TaskdeckError with `fromWireError`.

type Listener = (data: never) => void;
const listeners = new Map<string, Set<Listener>>();
const openListeners = new Set<(target: OpenTarget) => void>();

function deliver<T>(listener: (value: T) => void, value: T): void {
  try {
    listener(value);
  } catch (error) {
    // One broken listener must not keep the batch from the others.
    console.error('Taskdeck: an event listener threw', error);
  }
}

ipcRenderer.on(IPC_CHANNELS.events, (_event, batch: unknown) => {
  if (!Array.isArray(batch)) return;
  for (const event of batch as ApiEvent[]) {
    const set = listeners.get(event.type);
    if (set === undefined) continue;
    for (const listener of [...set]) deliver(listener as (data: unknown) => void, event.data);
  }
});

ipcRenderer.on(IPC_CHANNELS.open, (_event, target: unknown) => {
  if (!isOpenTarget(target)) return;
  for (const listener of [...openListeners]) deliver(listener, target);
});

/** Rejects a call with `error` in its wire form, the one form the bridge carries whole. */
function reject(error: TaskdeckError): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- an Error would arrive as its message alone
  throw toWireError(error);
}

function isEnvelope(value: unknown): value is IpcEnvelope {
  return (
    typeof value === 'object' && value !== null && typeof (value as IpcEnvelope).ok === 'boolean'
  );
}

const api = {
  async call<M extends MethodName>(method: M, ...params: CallParams<M>): Promise<MethodResult<M>> {
    let envelope: unknown;
    try {
      envelope = await ipcRenderer.invoke(IPC_CHANNELS.call, method, params[0]);
    } catch (error) {
      // No answer at all (main is quitting, or the handler is gone).
      reject(new TaskdeckError('internal', error instanceof Error ? error.message : String(error)));
    }
    if (!isEnvelope(envelope))
      reject(new TaskdeckError('internal', 'Taskdeck sent a malformed answer'));
    if (envelope.ok) return envelope.value as MethodResult<M>;
    return reject(fromWireError(envelope.error));
  },
  on<E extends ApiEventName>(event: E, listener: (data: EventPayloads[E]) => void): () => void {
    let set = listeners.get(event);
    if (set === undefined) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
  onOpen(listener: (target: OpenTarget) => void): () => void {
    openListeners.add(listener);
    return () => {
      openListeners.delete(listener);
    };
  },
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('taskdeck', api);
