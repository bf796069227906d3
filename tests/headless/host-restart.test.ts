import { eventually } from '../support/eventually.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDataDir, startHostProcess, type HostProcess } from './host-process.js';

const folders: string[] = [];
const hosts: HostProcess[] = [];
async function host(options: Parameters<typeof startHostProcess>[0]) {
  const started = await startHostProcess(options);
  hosts.push(started);
  return started;
}
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'taskdeck-host-'));
  folders.push(dir);
  return dir;
}
afterEach(async () => {
  for (const started of hosts.splice(0)) await started.stop('SIGKILL');
  for (const dir of folders.splice(0)) removeDataDir(dir);
});

/** Runs `session` against a fresh host on `dataDir`, then stops it gracefully. */
async function session<T>(
  dataDir: string,
  work: (api: Awaited<ReturnType<HostProcess['connect']>>['api']) => Promise<T>,
  examples = false,
): Promise<T> {
  const h = await host({ dataDir, examples });
  const client = await h.connect();
  try {
    return await work(client.api);
  } finally {
    client.close();
    expect(await h.stop('SIGTERM')).toBe(0);
  }
}

describe('restart', () => {
  it('keeps tasks and their history: executions, trace and statistics', async () => {
    const dataDir = folder();
    const before = await session(dataDir, async (api) => {
      const ok = await api.call('tasks.create', {
        name: 'kept',
        triggers: [{ type: 'cron', expression: '0 3 * * *', timezone: 'UTC' }],
        action: { type: 'command', command: 'echo kept' },
        tags: ['restart'],
      });
      const bad = await api.call('tasks.create', {
        name: 'kept failing',
        triggers: [{ type: 'event', event: 'manual' }],
        action: { type: 'command', command: 'exit 4' },
      });
      for (const id of [ok.id, bad.id, ok.id]) {
        const { executionId } = await api.call('tasks.runNow', { id });
        await eventually(async () => {
          const detail = await api.call('executions.get', { id: executionId });
          return ['queued', 'running'].includes(detail.status) ? undefined : true;
        });
      }
      const tasks = await api.call('tasks.list');
      return {
        tasks: tasks.map(({ id, name, triggers, tags, stats }) => ({
          id,
          name,
          triggers,
          tags,
          stats,
        })),
        executions: (await api.call('executions.list', {})).items,
        trace: await api.call('tasks.trace', { id: ok.id }),
        summary: await api.call('stats.summary', {}),
        detail: await api.call('executions.get', {
          id: (await api.call('executions.list', { taskId: ok.id, limit: 1 })).items[0]!.id,
        }),
        ok: ok.id,
      };
    });
    expect(before.executions).toHaveLength(3);

    await session(dataDir, async (api) => {
      const tasks = await api.call('tasks.list');
      expect(
        tasks.map(({ id, name, triggers, tags, stats }) => ({ id, name, triggers, tags, stats })),
      ).toEqual(before.tasks);
      expect((await api.call('executions.list', {})).items).toEqual(before.executions);
      expect(await api.call('tasks.trace', { id: before.ok })).toEqual(before.trace);
      expect(await api.call('stats.summary', {})).toEqual(before.summary);
      const detail = await api.call('executions.get', { id: before.detail.id });
      expect(detail.output.map((chunk) => chunk.text).join('')).toBe('kept\n');
      expect(detail).toEqual(before.detail);
    });
  });
});

describe('example tasks', () => {
  it('a first start seeds paused examples, one per trigger type; a restart does not seed again', async () => {
    const dataDir = folder();
    const seeded = await session(
      dataDir,
      async (api) => {
        const tasks = await api.call('tasks.list');
        expect(tasks.length).toBeGreaterThan(0);
        expect(tasks.every((task) => !task.enabled && task.state === 'paused')).toBe(true);
        expect(tasks.every((task) => task.tags.includes('example'))).toBe(true);
        const types = tasks.flatMap((task) => task.triggers.map((trigger) => trigger.type));
        expect(types.sort()).toEqual(['cron', 'event', 'interval', 'once']);
        // The person removes one; it must stay removed.
        await api.call('tasks.remove', { id: tasks[0]!.id });
        return tasks.slice(1).map((task) => task.id);
      },
      true,
    );
    const again = await session(dataDir, async (api) => api.call('tasks.list'), true);
    expect(again.map((task) => task.id).sort()).toEqual([...seeded].sort());

    // Even with every example gone, a later start leaves the folder empty.
    await session(
      dataDir,
      async (api) => {
        for (const id of seeded) await api.call('tasks.remove', { id });
      },
      true,
    );
    expect(await session(dataDir, async (api) => api.call('tasks.list'), true)).toEqual([]);
  });

  it('--no-examples starts empty', async () => {
    expect(await session(folder(), async (api) => api.call('tasks.list'))).toEqual([]);
  });
});
