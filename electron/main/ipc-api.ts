import type { IpcMainInvokeEvent } from 'electron';
import { TaskdeckError, toWireError } from '../../shared/errors.js';
import { IPC_CHANNELS, type IpcEnvelope } from './ipc-channels.js';
import { isTrustedSender } from './security.js';

/** What the IPC API serves: the service's validating `call` (`TaskdeckService.call`). */
export interface CallTarget {
  call(method: unknown, params: unknown): Promise<unknown>;
}

/** The part of `ipcMain` the API registers on. */
export interface InvokeRegistry {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcEnvelope>,
  ): void;
  removeHandler(channel: string): void;
}

/** Where failures nobody else sees are written (the main process's stderr by default). */
export type ErrorLog = (message: string, error: unknown) => void;

const consoleLog: ErrorLog = (message, error) => {
  console.error(`Taskdeck: ${message}`, error);
};

/**
 * Answers one call as an envelope: the target validates the method name and parses the params
 * with the shared schemas, so a bad call changes nothing; a TaskdeckError keeps its code and
 * issues, anything else becomes `internal` with a message safe to show (details are logged).
 */
export async function answerCall(
  target: CallTarget,
  method: unknown,
  params: unknown,
  log: ErrorLog = consoleLog,
): Promise<IpcEnvelope> {
  try {
    return { ok: true, value: await target.call(method, params) };
  } catch (error) {
    if (error instanceof TaskdeckError) return { ok: false, error: toWireError(error) };
    log(`${typeof method === 'string' ? method : 'a call'} failed unexpectedly`, error);
    return {
      ok: false,
      error: toWireError(new TaskdeckError('internal', 'Taskdeck hit an unexpected error')),
    };
  }
}

/** The envelope a call from anything but our own page gets (and nothing else happens). */
const REFUSED: IpcEnvelope = {
  ok: false,
  error: toWireError(
    new TaskdeckError('internal', "Refused: the call did not come from Taskdeck's own window"),
  ),
};

/**
 * Registers the whole API on one invoke channel through one wrapper: the sender frame must be
 * our own top-level page, then `answerCall` validates and answers. Returns the unregister
 * function.
 */
export function registerApi(
  ipc: InvokeRegistry,
  target: CallTarget,
  log: ErrorLog = consoleLog,
): () => void {
  ipc.handle(IPC_CHANNELS.call, (event, method, params) => {
    if (!isTrustedSender(event.senderFrame)) {
      log('refused a call from a foreign frame', method);
      return Promise.resolve(REFUSED);
    }
    return answerCall(target, method, params, log);
  });
  return () => {
    ipc.removeHandler(IPC_CHANNELS.call);
  };
}
