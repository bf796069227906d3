import { eventually } from '../support/eventually.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonRpcClient } from '../../shared/json-rpc-client.js';
import { startBridge } from '../../renderer/store/bridge.js';
import type { ConnectionState } from '../../renderer/store/connection.js';
import { createTaskdeckStore } from '../../renderer/store/create-store.js';
import { WebSocketConnection } from '../../renderer/transport/websocket-connection.js';
import { startLiveHost, type LiveHost } from './support/live-host.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The window's connection over Node's `ws` (the browser's WebSocket is not in Node 20). */
function connectWindow(live: LiveHost) {
  const client = new JsonRpcClient();
  const url = `${live.host.url.replace(/^http/, 'ws')}/rpc?token=${live.host.token}`;
  const connection = new WebSocketConnection(url, client, {
    open: (target) => new WebSocket(target),
  });
  const states: ConnectionState[] = [];
  connection.subscribe((state) => states.push(state));
  const store = createTaskdeckStore(client);
  const stopBridge = startBridge(client, store, connection);
  connection.start();
  cleanups.push(() => {
    stopBridge();
    connection.stop();
  });
  return { client, connection, store, states };
}

describe('the WebSocket link to the host', () => {
  it('connects with the token, loads everything, and says when it is open', async () => {
    const live = await startLiveHost();
    cleanups.push(() => live.stop());
    const other = await live.connect();
    await other.api.call('tasks.create', {
      name: 'Already there',
      triggers: [{ type: 'cron', expression: '0 9 * * *' }],
      action: { type: 'command', command: 'true' },
    });
    const { store, states } = connectWindow(live);
    await eventually(() => (store.getState().tasksLoaded ? true : undefined));
    expect(states).toEqual(['connecting', 'open']);
    expect(store.getState().connection).toBe('open');
    expect(Object.values(store.getState().tasks).map((task) => task.name)).toEqual([
      'Already there',
    ]);
    expect(store.getState().scheduler).toMatchObject({ paused: false, maxRunningTasks: 4 });
  });

  it('when Taskdeck restarts: calls fail, it says it is reconnecting, comes back and reloads', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'taskdeck-reconnect-'));
    cleanups.push(() => {
      rmSync(dataDir, { recursive: true, force: true });
    });
    const first = await startLiveHost({ dataDir });
    const { port, token } = first.host;
    const other = await first.connect();
    const created = await other.api.call('tasks.create', {
      name: 'Kept on disk',
      triggers: [{ type: 'cron', expression: '0 9 * * *' }],
      action: { type: 'command', command: 'true' },
    });
    const { store, states, client } = connectWindow(first);
    await eventually(() => store.getState().tasks[created.id]);

    await first.stop();
    await eventually(() => (store.getState().connection === 'reconnecting' ? true : undefined));
    await expect(client.call('scheduler.status', {})).rejects.toThrow(/Not connected/);
    // Whatever the window held is stale now; only a reload after reconnecting can restore it.
    store.setState({ tasks: {}, scheduler: null });

    const second = await startLiveHost({ dataDir, port, token });
    cleanups.push(() => second.stop());
    await eventually(
      () => store.getState().tasks[created.id],
      15_000,
      'the reload after reconnecting',
    );
    await eventually(() => store.getState().scheduler ?? undefined);
    expect(store.getState().connection).toBe('open');
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    expect((await client.call('scheduler.status', {})).paused).toBe(false);
  });

  it('keeps trying with growing waits while nothing listens, and never floods', async () => {
    const live = await startLiveHost();
    const { port } = live.host;
    await live.stop();
    let attempts = 0;
    const client = new JsonRpcClient();
    const connection = new WebSocketConnection(`ws://127.0.0.1:${port}/rpc?token=x`, client, {
      open: (target) => {
        attempts++;
        return new WebSocket(target);
      },
    });
    connection.start();
    cleanups.push(() => {
      connection.stop();
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // 250 ms doubling (with ±20% jitter): about 4-5 tries in two seconds, not hundreds.
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThanOrEqual(6);
  });
});
