import type { CallParams, MethodName, MethodResult, TaskdeckApi } from '../../shared/api.js';
import { fromWireError, TaskdeckError } from '../../shared/errors.js';

/**
 * The Electron preload's API as the window uses it. Electron's bridge copies an Error as its
 * message alone, so the preload rejects a failed call with the plain wire error; this turns it
 * back into a TaskdeckError, so `instanceof TaskdeckError`, codes and field issues work the
 * same as over the WebSocket.
 */
export function preloadApi(preload: TaskdeckApi): TaskdeckApi {
  return {
    async call<M extends MethodName>(
      method: M,
      ...params: CallParams<M>
    ): Promise<MethodResult<M>> {
      try {
        return await preload.call(method, ...params);
      } catch (reason) {
        throw reason instanceof TaskdeckError ? reason : fromWireError(reason);
      }
    },
    on: (event, listener) => preload.on(event, listener),
  };
}
