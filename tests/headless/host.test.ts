import { eventually } from '../support/eventually.js';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api.js';
import { TaskdeckError } from '../../shared/errors.js';
import { rawText } from '../../electron/headless/raw-text.js';
import { CLI, removeDataDir, startHostProcess, type HostProcess } from './host-process.js';

const hosts: HostProcess[] = [];
/** Other folders a test leaves, removed once its hosts have stopped. */
const folders: string[] = [];
async function host(options?: Parameters<typeof startHostProcess>[0]) {
  const started = await startHostProcess(options);
  hosts.push(started);
  return started;
}
afterEach(async () => {
  // Every host first: two hosts may share a folder, and one still running keeps writing to it.
  const stopped = hosts.splice(0);
  for (const started of stopped) await started.stop('SIGKILL');
  for (const dataDir of new Set(stopped.map((started) => started.dataDir))) removeDataDir(dataDir);
  for (const dir of folders.splice(0)) removeDataDir(dir);
});

/** Opens a raw WebSocket and resolves with the HTTP status of a refused upgrade (or 101). */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', () => undefined);
  });
}

describe('headless host', () => {
  it('prints exactly one line with a 43-character token and writes endpoint.json (0600)', async () => {
    const h = await host();
    expect(h.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const endpointPath = join(h.dataDir, 'endpoint.json');
    expect(JSON.parse(readFileSync(endpointPath, 'utf8'))).toEqual({
      url: h.url,
      token: h.token,
      pid: h.child.pid,
    });
    expect(statSync(endpointPath).mode & 0o777).toBe(0o600);
  });

  it('replaces an older endpoint.json whole, readable by the user only even if the old one was not', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'taskdeck-host-'));
    const endpointPath = join(dataDir, 'endpoint.json');
    writeFileSync(endpointPath, '{"url":"http://127.0.0.1:1","token":"old","pid":1}', {
      mode: 0o644,
    });
    chmodSync(endpointPath, 0o644);
    const h = await host({ dataDir });
    expect(statSync(endpointPath).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(endpointPath, 'utf8'))).toEqual({
      url: h.url,
      token: h.token,
      pid: h.child.pid,
    });
    // Written under a temporary name and renamed: nothing else is left in the folder.
    expect(readdirSync(dataDir).filter((name) => name.includes('endpoint'))).toEqual([
      'endpoint.json',
    ]);
  });

  it('refuses a missing or wrong token (401), a foreign Origin or Host (403); accepts the right ones', async () => {
    const h = await host();
    const rpc = `ws://127.0.0.1:${h.port}/rpc`;
    expect(await upgradeStatus(rpc, {})).toBe(401);
    expect(await upgradeStatus(`${rpc}?token=wrong`, {})).toBe(401);
    expect(await upgradeStatus(rpc, { Authorization: 'Bearer wrong' })).toBe(401);
    expect(await upgradeStatus(`${rpc}?token=${h.token}`, { Origin: 'http://evil.example' })).toBe(
      403,
    );
    expect(await upgradeStatus(`${rpc}?token=${h.token}`, { Host: `evil.example:${h.port}` })).toBe(
      403,
    );
    expect(
      await upgradeStatus(`${rpc}?token=${h.token}`, { Origin: `http://localhost:${h.port}` }),
    ).toBe(101);
    expect(await upgradeStatus(rpc, { Authorization: `Bearer ${h.token}` })).toBe(101);
  });

  it('runs a command end to end: its output, its events after connecting, and API.md errors', async () => {
    const h = await host();
    const client = await h.connect();
    const events: ApiEvent[] = [];
    for (const type of [
      'task.changed',
      'execution.changed',
      'execution.output',
      'trace',
    ] as const) {
      client.api.on(type, (data) => events.push({ type, data } as ApiEvent));
    }
    try {
      const task = await client.api.call('tasks.create', {
        name: 'greet',
        triggers: [{ type: 'event', event: 'manual' }],
        action: { type: 'command', command: 'echo hello from taskdeck' },
      });
      expect(task).toMatchObject({
        name: 'greet',
        state: 'idle',
        enabled: true,
        priority: 0,
        overlap: 'skip',
      });
      const { executionId } = await client.api.call('tasks.runNow', { id: task.id });
      const ended = await eventually(async () => {
        const detail = await client.api.call('executions.get', { id: executionId });
        return detail.status === 'succeeded' ? detail : undefined;
      });
      expect(ended.output.map((chunk) => chunk.text).join('')).toBe('hello from taskdeck\n');
      expect(ended.exitCode).toBe(0);
      await eventually(() =>
        events.some((e) => e.type === 'execution.output') ? true : undefined,
      );
      expect(
        events.some((e) => e.type === 'execution.changed' && e.data.status === 'succeeded'),
      ).toBe(true);

      const invalid = await client.api
        .call('tasks.create', {
          name: 'x',
          triggers: [{ type: 'cron', expression: '61 * * * *' }],
          action: { type: 'command', command: 'true' },
        })
        .catch((error: unknown) => error);
      expect(invalid).toBeInstanceOf(TaskdeckError);
      expect((invalid as TaskdeckError).code).toBe('invalid_params');
      expect((invalid as TaskdeckError).issues[0]?.path).toEqual(['triggers', 0, 'expression']);
      const missing = await client.api
        .call('tasks.get', { id: '00000000-0000-4000-8000-000000000000' })
        .catch((e: unknown) => e);
      expect((missing as TaskdeckError).code).toBe('not_found');
      const finished = await client.api
        .call('executions.cancel', { id: executionId })
        .catch((e: unknown) => e);
      expect((finished as TaskdeckError).code).toBe('conflict');
      expect(await client.api.call('tasks.list')).toHaveLength(1);
    } finally {
      client.close();
    }
  });

  it('answers malformed frames cleanly and keeps serving', async () => {
    const h = await host();
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/rpc?token=${h.token}`);
    await new Promise((resolve) => ws.on('open', resolve));
    const replies: unknown[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(rawText(data)) as { method?: string };
      if (message.method !== 'event') replies.push(message);
    });
    ws.send('not json');
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'no.such' }));
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tasks.list', params: [1] }));
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'scheduler.status' }));
    await eventually(() => (replies.length === 4 ? true : undefined));
    // Answers may come in any order (JSON-RPC matches them by id).
    const byId = (a: unknown, b: unknown) =>
      ((a as { id: number | null }).id ?? -1) - ((b as { id: number | null }).id ?? -1);
    expect(replies.sort(byId)).toEqual([
      {
        jsonrpc: '2.0',
        id: null,
        error: {
          code: -32700,
          message: 'Parse error: the message is not JSON',
          data: { code: 'parse_error' },
        },
      },
      {
        jsonrpc: '2.0',
        id: 1,
        error: {
          code: -32601,
          message: 'Unknown method no.such',
          data: { code: 'unknown_method' },
        },
      },
      expect.objectContaining({
        id: 2,
        error: expect.objectContaining({ code: -32602 }) as unknown,
      }),
      expect.objectContaining({
        id: 3,
        result: expect.objectContaining({ paused: false, running: 0 }) as unknown,
      }),
    ]);
    ws.close();
  });

  it('frames that are not one request carry data.code invalid_request; notifications get no reply', async () => {
    const h = await host();
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/rpc?token=${h.token}`);
    await new Promise((resolve) => ws.on('open', resolve));
    const replies: { id: unknown; result?: unknown; error?: { code: number; data?: unknown } }[] =
      [];
    ws.on('message', (data) => {
      const message = JSON.parse(rawText(data)) as (typeof replies)[number] & { method?: string };
      if (message.method !== 'event') replies.push(message);
    });
    ws.send(Buffer.from([1, 2, 3]));
    ws.send('[1]');
    ws.send(JSON.stringify({ jsonrpc: '1.0', id: 9, method: 'tasks.list' }));
    // Notifications (no id): they run, and nothing comes back, not even for an error.
    ws.send(
      JSON.stringify({
        jsonrpc: '2.0',
        method: 'tasks.create',
        params: {
          name: 'made by a notification',
          triggers: [{ type: 'event', event: 'manual' }],
          action: { type: 'command', command: 'true' },
        },
      }),
    );
    ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'no.such' }));
    ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'tasks.get', params: { id: 'x' } }));
    const client = await h.connect();
    const names = await eventually(async () => {
      const tasks = await client.api.call('tasks.list');
      return tasks.length > 0 ? tasks.map((task) => task.name) : undefined;
    });
    client.close();
    expect(names).toEqual(['made by a notification']);
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 'last', method: 'scheduler.status' }));
    await eventually(() => (replies.some((reply) => reply.id === 'last') ? true : undefined));
    expect(replies.map((reply) => [reply.id, reply.error?.code, reply.error?.data])).toEqual([
      [null, -32600, { code: 'invalid_request' }],
      [null, -32600, { code: 'invalid_request' }],
      [9, -32600, { code: 'invalid_request' }],
      ['last', undefined, undefined],
    ]);
    ws.close();
  });

  it('a second Taskdeck on the same folder says who holds it and exits non-zero', async () => {
    const h = await host();
    const second = spawnSync(
      process.execPath,
      [CLI, 'serve', '--data-dir', h.dataDir, '--port', '0'],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(second.status).toBe(3);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain(`Another Taskdeck (headless, pid ${h.child.pid}`);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s: gives running work the grace period, records what was interrupted, exits 0',
    async (signal) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'taskdeck-host-'));
      const h = await host({ dataDir });
      const client = await h.connect();
      const quick = await client.api.call('tasks.create', {
        name: 'quick',
        triggers: [{ type: 'event', event: 'manual' }],
        action: { type: 'command', command: 'sleep 1; echo finished' },
      });
      const slow = await client.api.call('tasks.create', {
        name: 'slow',
        triggers: [{ type: 'event', event: 'manual' }],
        action: { type: 'command', command: 'sleep 600' },
      });
      await client.api.call('settings.update', { killGraceMs: 2_000 });
      const quickRun = await client.api.call('tasks.runNow', { id: quick.id });
      const slowRun = await client.api.call('tasks.runNow', { id: slow.id });
      // Both started (the quick one may be over already on a slow machine).
      for (const { executionId } of [quickRun, slowRun]) {
        await eventually(async () =>
          (await client.api.call('executions.get', { id: executionId })).startedAt === null
            ? undefined
            : true,
        );
      }
      client.close();
      expect(await h.stop(signal)).toBe(0);

      const again = await host({ dataDir });
      const after = await again.connect();
      try {
        expect((await after.api.call('executions.get', { id: quickRun.executionId })).status).toBe(
          'succeeded',
        );
        const interrupted = await after.api.call('executions.get', { id: slowRun.executionId });
        // The graceful stop's own words: a crash, recovered on the next start, says otherwise.
        expect(interrupted).toMatchObject({
          status: 'interrupted',
          error: 'Taskdeck stopped while it was running',
        });
        expect(await after.api.call('tasks.list')).toHaveLength(2);
      } finally {
        after.close();
      }
    },
  );

  it('a second signal during the stop is ignored: it still stops gracefully, exits 0 and cleans up', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'taskdeck-host-'));
    const h = await host({ dataDir });
    const client = await h.connect();
    const slow = await client.api.call('tasks.create', {
      name: 'slow',
      triggers: [{ type: 'event', event: 'manual' }],
      action: { type: 'command', command: 'sleep 600' },
    });
    await client.api.call('settings.update', { killGraceMs: 1_000 });
    const run = await client.api.call('tasks.runNow', { id: slow.id });
    await eventually(async () =>
      (await client.api.call('executions.get', { id: run.executionId })).status === 'running'
        ? true
        : undefined,
    );
    client.close();
    // The stop waits the grace period for `sleep`: both later signals land in the middle of it.
    const exited = h.exited();
    h.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    h.child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    h.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(h.child.signalCode).toBeNull();
    expect(existsSync(join(dataDir, 'taskdeck.lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'endpoint.json'))).toBe(false);

    const again = await host({ dataDir });
    const after = await again.connect();
    try {
      expect(await after.api.call('executions.get', { id: run.executionId })).toMatchObject({
        status: 'interrupted',
        error: 'Taskdeck stopped while it was running',
      });
    } finally {
      after.close();
    }
  });

  it('a stop that fails says so in one line and exits non-zero', async () => {
    const h = await host();
    const client = await h.connect();
    const task = await client.api.call('tasks.create', {
      name: 'quick',
      triggers: [{ type: 'event', event: 'manual' }],
      action: { type: 'command', command: 'true' },
    });
    // The data folder vanishes under the running host: closing the history cannot save it.
    // (Moved away in one step: deleting a folder the host is writing to races its writes.)
    const gone = `${h.dataDir}.gone`;
    renameSync(h.dataDir, gone);
    folders.push(gone);
    await client.api.call('tasks.runNow', { id: task.id });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    client.close();
    expect(await h.stop('SIGTERM')).toBe(1);
    const lines = h.stderr().trimEnd().split('\n');
    const stopping = lines.findIndex((line) => line.includes('SIGTERM received; stopping'));
    expect(stopping).toBeGreaterThanOrEqual(0);
    expect(lines.slice(stopping + 1)).toEqual([
      expect.stringMatching(/^taskdeck: Taskdeck could not stop cleanly: ENOENT: .+$/),
    ]);
  });

  it('a busy port fails the start before anything runs (exit 1, one line)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'taskdeck-host-'));
    const marker = join(dataDir, 'started.txt');
    const first = await host({ dataDir });
    const client = await first.connect();
    await client.api.call('tasks.create', {
      name: 'on start',
      triggers: [{ type: 'event', event: 'app.start' }],
      action: { type: 'command', command: `echo ran >> '${marker}'` },
    });
    client.close();
    expect(await first.stop('SIGTERM')).toBe(0);

    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      const refused = spawnSync(
        process.execPath,
        [CLI, 'serve', '--data-dir', dataDir, '--port', String(port), '--no-examples'],
        { encoding: 'utf8', timeout: 20_000 },
      );
      expect([refused.status, refused.stdout, refused.stderr]).toEqual([
        1,
        '',
        `taskdeck: Port ${port} on 127.0.0.1 is in use; choose another with --port\n`,
      ]);
    } finally {
      busy.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(existsSync(marker)).toBe(false);
    // On a free port the same folder starts, and the task does run: the check above can fail.
    await host({ dataDir });
    await eventually(() => (existsSync(marker) ? true : undefined));
  });
});
