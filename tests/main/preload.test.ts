import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, TaskdeckApi } from '../../shared/api.js';
import { fromWireError } from '../../shared/errors.js';
import type { Execution } from '../../shared/schemas/execution.js';
import { registerApi, type InvokeRegistry } from '../../electron/main/ipc-api.js';
import {
  IPC_CHANNELS,
  type DesktopBridge,
  type OpenTarget,
} from '../../electron/main/ipc-channels.js';
import { WindowOutbox } from '../../electron/main/window-outbox.js';
import { commandTask, openRealTaskdeck, type RealTaskdeck } from './real-taskdeck.js';
import { makeTempDir, removeDir, waitFor } from './temp-dir.js';

type InvokeListener = Parameters<InvokeRegistry['handle']>[1];
type RendererListener = (event: unknown, payload: unknown) => void;

/**
 * Runs the built preload as Electron would in the window: a fresh context whose `require`
 * offers only 'electron', here a stand-in whose ipcRenderer reaches the real IPC handler (as
 * our page's top-level frame) and whose contextBridge records what is exposed. Every value
 * crossing is structured-cloned, as IPC does.
 */
function loadPreload(code: string, handler: InvokeListener) {
  const exposed = new Map<string, unknown>();
  const rendererListeners = new Map<string, RendererListener[]>();
  const required: string[] = [];
  const errors: unknown[][] = [];
  const electron = {
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        if (channel !== IPC_CHANNELS.call)
          throw new Error(`No handler registered for '${channel}'`);
        const event = { senderFrame: { url: 'app://taskdeck/index.html', parent: null } };
        return structuredClone(
          await handler(event as unknown as IpcMainInvokeEvent, ...structuredClone(args)),
        );
      },
      on(channel: string, listener: RendererListener) {
        rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), listener]);
      },
    },
  };
  const module = { exports: {} };
  runInNewContext(code, {
    module,
    exports: module.exports,
    console: { error: (...args: unknown[]) => errors.push(args) },
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot load ${name}`);
      return electron;
    },
  });
  /** Main's side: `webContents.send(channel, payload)`. */
  const send = (channel: string, payload: unknown) => {
    for (const listener of rendererListeners.get(channel) ?? [])
      listener({}, structuredClone(payload));
  };
  return {
    exposed,
    required,
    errors,
    send,
    rendererChannels: () => [...rendererListeners.keys()],
  };
}

let buildDir: string;
let code: string;
let taskdeck: RealTaskdeck;
let handler: InvokeListener;

beforeAll(async () => {
  buildDir = await makeTempDir('preload');
  const outfile = join(buildDir, 'preload.cjs');
  execFileSync(process.execPath, ['scripts/build-preload.mjs', outfile]);
  code = readFileSync(outfile, 'utf8');
  taskdeck = await openRealTaskdeck('preload');
  const registry: InvokeRegistry = {
    handle: (_channel, listener) => {
      handler = listener;
    },
    removeHandler: () => undefined,
  };
  registerApi(registry, taskdeck.service);
});
afterAll(async () => {
  await taskdeck.dispose();
  await removeDir(buildDir);
});

describe('the preload bundle', () => {
  it('is one self-contained CommonJS file that requires nothing but electron', () => {
    const requires = [...code.matchAll(/\brequire\s*\(\s*([^)]*)\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['"electron"']);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code.length).toBeLessThan(20_000);
  });
});

describe('the preload in the window (Electron binary unavailable: stand-in)', () => {
  it('exposes exactly one object, window.taskdeck, never ipcRenderer', () => {
    const preload = loadPreload(code, handler);
    expect(preload.required).toEqual(['electron']);
    expect([...preload.exposed.keys()]).toEqual(['taskdeck']);
    expect(Object.keys(preload.exposed.get('taskdeck') as object).sort()).toEqual([
      'call',
      'on',
      'onOpen',
    ]);
    const text = JSON.stringify([...preload.exposed.values()], (_key, value: unknown) =>
      typeof value === 'function' ? `fn:${value.name}` : value,
    );
    expect(text).not.toMatch(/ipcRenderer|invoke|send/);
    expect(preload.rendererChannels().sort()).toEqual(
      [IPC_CHANNELS.events, IPC_CHANNELS.open].sort(),
    );
  });

  it('calls the real service; a failure rejects with a wire error that survives the bridge', async () => {
    const api = loadPreload(code, handler).exposed.get('taskdeck') as TaskdeckApi;
    const created = await api.call('tasks.create', commandTask('From the window', 'true'));
    expect(created.name).toBe('From the window');
    expect(await api.call('tasks.get', { id: created.id })).toMatchObject({ id: created.id });
    expect((await api.call('scheduler.status')).paused).toBe(false);

    const reason: unknown = await api.call('tasks.create', { ...commandTask('', 'true') }).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    // An Error would arrive as its message alone; the wire form crosses whole.
    expect(reason).not.toBeInstanceOf(Error);
    expect(structuredClone(reason)).toEqual(reason);
    const error = fromWireError(reason);
    expect(error.code).toBe('invalid_params');
    expect(error.issues[0]?.path).toEqual(['name']);

    const unknown = await api.call('nope.nothing' as 'tasks.list').then(
      () => 'resolved',
      (e: unknown) => fromWireError(e).code,
    );
    expect(unknown).toBe('unknown_method');
  });

  it('fans event batches out by type, in order, until unsubscribed', async () => {
    const preload = loadPreload(code, handler);
    const api = preload.exposed.get('taskdeck') as TaskdeckApi;
    const outbox = new WindowOutbox();
    outbox.loading(preload.send);
    const unsubscribe = taskdeck.service.subscribe((batch: ApiEvent[]) => {
      outbox.events(batch);
    });
    try {
      const runs: Execution[] = [];
      const output: string[] = [];
      const thrower = api.on('execution.changed', () => {
        throw new Error('a broken listener');
      });
      const stopRuns = api.on('execution.changed', (run) => runs.push(run));
      api.on('execution.output', (data) => output.push(...data.chunks.map((c) => c.text)));
      // Events held while the page loads arrive once it has loaded.
      const task = await api.call(
        'tasks.create',
        commandTask('Echo', 'echo hello from the preload'),
      );
      const { executionId } = await api.call('tasks.runNow', { id: task.id });
      outbox.ready();
      await waitFor(
        () => runs.some((r) => r.id === executionId && r.status === 'succeeded'),
        15_000,
        'the run',
      );
      expect(output.join('')).toContain('hello from the preload');
      const statuses = runs.filter((r) => r.id === executionId).map((r) => r.status);
      expect(statuses.indexOf('running')).toBeLessThan(statuses.indexOf('succeeded'));

      // The broken listener was reported, and did not keep events from the others.
      expect(String(preload.errors[0]?.[0])).toMatch(/listener threw/);
      stopRuns();
      thrower();
      const seen = runs.length;
      await api.call('tasks.runNow', { id: task.id });
      await waitFor(
        async () =>
          (await api.call('executions.list', { taskId: task.id })).items.every(
            (r) => r.status === 'succeeded',
          ),
        15_000,
        'the second run',
      );
      expect(runs).toHaveLength(seen);
    } finally {
      unsubscribe();
    }
  });

  it('passes well-formed open instructions to the window and drops others', () => {
    const preload = loadPreload(code, handler);
    const bridge = preload.exposed.get('taskdeck') as DesktopBridge;
    const opened: OpenTarget[] = [];
    const stop = bridge.onOpen((target) => opened.push(target));
    const target: OpenTarget = { kind: 'execution', taskId: 't1', executionId: 'e1' };
    preload.send(IPC_CHANNELS.open, target);
    preload.send(IPC_CHANNELS.open, { kind: 'execution', taskId: 't1' });
    preload.send(IPC_CHANNELS.open, { kind: 'script', code: 'alert(1)' });
    preload.send(IPC_CHANNELS.open, 'app://taskdeck/');
    preload.send(IPC_CHANNELS.open, { kind: 'task', taskId: 't2' });
    expect(opened).toEqual([target, { kind: 'task', taskId: 't2' }]);
    stop();
    preload.send(IPC_CHANNELS.open, target);
    expect(opened).toHaveLength(2);
  });
});
