import { describe, expect, it } from 'vitest';
import type { ApiEventName, TaskdeckApi } from '../../shared/api.js';
import { TaskdeckError, toWireError } from '../../shared/errors.js';
import { preloadApi } from '../../renderer/transport/preload-api.js';

/**
 * The preload as the window sees it through Electron's bridge: a failed call rejects with the
 * plain wire error, structured-cloned (Electron is not installed here; this is its contract).
 */
function bridgedPreload(failure: TaskdeckError | null): TaskdeckApi & { listened: ApiEventName[] } {
  const listened: ApiEventName[] = [];
  return {
    listened,
    call: (() =>
      failure === null
        ? Promise.resolve({ paused: false })
        : // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the bridge delivers a plain object
          Promise.reject(structuredClone(toWireError(failure)))) as TaskdeckApi['call'],
    on: (event) => {
      listened.push(event);
      return () => undefined;
    },
  };
}

describe('the Electron preload, as the window uses it', () => {
  it('turns a rejected call back into a TaskdeckError with its code and field issues', async () => {
    const refused = new TaskdeckError('invalid_params', 'maxRunningTasks: Too big', [
      { path: ['maxRunningTasks'], message: 'Too big' },
    ]);
    const api = preloadApi(bridgedPreload(refused));
    const error = await api
      .call('settings.update', { maxRunningTasks: 99 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskdeckError);
    expect(error).toMatchObject({
      code: 'invalid_params',
      message: 'maxRunningTasks: Too big',
      issues: [{ path: ['maxRunningTasks'], message: 'Too big' }],
    });
  });

  it('passes answers, TaskdeckErrors and event subscriptions through unchanged', async () => {
    const preload = bridgedPreload(null);
    const api = preloadApi(preload);
    await expect(api.call('scheduler.status', {})).resolves.toEqual({ paused: false });
    api.on('task.changed', () => undefined);
    expect(preload.listened).toEqual(['task.changed']);

    const own = new TaskdeckError('not_found', 'No task');
    const direct = preloadApi({
      call: () => Promise.reject(own),
      on: () => () => undefined,
    });
    await expect(direct.call('tasks.get', { id: 'x' })).rejects.toBe(own);
  });
});
