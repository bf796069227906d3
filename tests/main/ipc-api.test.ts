import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWireError } from '../../shared/errors.js';
import type { TaskView } from '../../shared/schemas/task.js';
import { answerCall, registerApi, type InvokeRegistry } from '../../electron/main/ipc-api.js';
import { IPC_CHANNELS, type IpcEnvelope } from '../../electron/main/ipc-channels.js';
import { commandTask, openRealTaskdeck, type RealTaskdeck } from './real-taskdeck.js';

type InvokeListener = Parameters<InvokeRegistry['handle']>[1];

/** Stand-in ipcMain: keeps the registered handlers so a test can invoke them as a frame would. */
class StandInIpcMain implements InvokeRegistry {
  readonly handlers = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(frame: { url: string; parent: unknown } | null, ...args: unknown[]): Promise<IpcEnvelope> {
    const listener = this.handlers.get(IPC_CHANNELS.call);
    if (listener === undefined) throw new Error('no handler');
    return listener({ senderFrame: frame } as unknown as IpcMainInvokeEvent, ...args);
  }
}

const OWN_PAGE = { url: 'app://taskdeck/index.html', parent: null };

let taskdeck: RealTaskdeck;
beforeAll(async () => {
  taskdeck = await openRealTaskdeck('ipc');
});
afterAll(async () => {
  await taskdeck.dispose();
});

describe('the IPC API with a real service (Electron binary unavailable: stand-in)', () => {
  it('answers calls from our page with ok envelopes', async () => {
    const ipc = new StandInIpcMain();
    const logged: string[] = [];
    registerApi(ipc, taskdeck.service, (message) => logged.push(message));
    const created = await ipc.invoke(
      OWN_PAGE,
      'tasks.create',
      commandTask('Back up notes', 'true'),
    );
    expect(created.ok).toBe(true);
    const view = (created as { ok: true; value: TaskView }).value;
    expect(view.name).toBe('Back up notes');
    const listed = await ipc.invoke(OWN_PAGE, 'tasks.list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ id: view.id, name: 'Back up notes' }] });
    // Params may be omitted where none are required, as in `call('scheduler.status')`.
    expect(await ipc.invoke(OWN_PAGE, 'scheduler.status', undefined)).toMatchObject({
      ok: true,
      value: { paused: false },
    });
    expect(logged).toEqual([]);
  });

  it('validates params with the shared schemas and changes nothing on failure', async () => {
    const ipc = new StandInIpcMain();
    registerApi(ipc, taskdeck.service);
    const before = await taskdeck.service.invoke('tasks.list', {});
    const bad = await ipc.invoke(OWN_PAGE, 'tasks.create', {
      ...commandTask('x', 'true'),
      triggers: [{ type: 'cron', expression: '61 * * * *' }],
      surprise: true,
    });
    expect(bad.ok).toBe(false);
    const error = fromWireError((bad as { ok: false; error: unknown }).error);
    expect(error.code).toBe('invalid_params');
    expect(error.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([['triggers', 0, 'expression']]),
    );
    expect(await taskdeck.service.invoke('tasks.list', {})).toHaveLength(before.length);

    const unknown = await ipc.invoke(OWN_PAGE, 'tasks.explode', {});
    expect(fromWireError((unknown as { ok: false; error: unknown }).error).code).toBe(
      'unknown_method',
    );
    const missing = await ipc.invoke(OWN_PAGE, 'tasks.get', {
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(fromWireError((missing as { ok: false; error: unknown }).error).code).toBe('not_found');
  });

  it('refuses calls from subframes, other pages and vanished frames, touching nothing', async () => {
    const ipc = new StandInIpcMain();
    const logged: string[] = [];
    registerApi(ipc, taskdeck.service, (message) => logged.push(message));
    const before = await taskdeck.service.invoke('tasks.list', {});
    for (const frame of [
      { url: 'app://taskdeck/index.html', parent: OWN_PAGE },
      { url: 'https://example.com/', parent: null },
      { url: 'file:///tmp/index.html', parent: null },
      null,
    ]) {
      const answer = await ipc.invoke(frame, 'tasks.create', commandTask('Intruder', 'rm -rf ~'));
      expect(answer.ok).toBe(false);
      expect((answer as { ok: false; error: { message: string } }).error.message).toMatch(
        /Refused/,
      );
    }
    expect(await taskdeck.service.invoke('tasks.list', {})).toHaveLength(before.length);
    expect(logged).toHaveLength(4);
  });

  it('turns unexpected failures into a safe internal error and logs the details', async () => {
    const logged: unknown[] = [];
    const answer = await answerCall(
      {
        call: () => Promise.reject(new Error('EACCES: /home/me/.config/Taskdeck/tasks.json')),
      },
      'tasks.list',
      {},
      (_message, error) => logged.push(error),
    );
    expect(answer).toEqual({
      ok: false,
      error: {
        code: -32603,
        message: 'Taskdeck hit an unexpected error',
        data: { code: 'internal' },
      },
    });
    expect(String(logged[0])).toContain('EACCES');
  });

  it('unregisters its one channel', () => {
    const ipc = new StandInIpcMain();
    const unregister = registerApi(ipc, taskdeck.service);
    expect([...ipc.handlers.keys()]).toEqual([IPC_CHANNELS.call]);
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });
});
