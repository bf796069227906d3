import { afterEach, describe, expect, it } from 'vitest';
import { TaskdeckError } from '../../shared/errors.js';
import { eventually } from '../support/eventually.js';
import { openService, removeDir, taskDoc, type ServiceFixture } from './service-fixture.js';

const open: ServiceFixture[] = [];
afterEach(async () => {
  for (const f of open.splice(0)) {
    await f.close();
    removeDir(f.dir);
  }
});

describe('service: the wire text of the task list', () => {
  it('is exactly the views serialised, for every kind of task, after edits, and filtered', async () => {
    const f = await openService();
    open.push(f);
    const { service } = f;
    const same = async (params: Record<string, unknown>) => {
      const text = await service.callJson('tasks.list', params);
      expect(text).toBe(JSON.stringify(await service.invoke('tasks.list', params)));
      return JSON.parse(text) as { name: string }[];
    };
    await service.invoke('settings.update', { maxRunningTasks: 1 });
    const ran = await service.invoke(
      'tasks.create',
      taskDoc('ran "quoted" \u00e9', { tags: ['a'] }),
    );
    const { executionId } = await service.invoke('tasks.runNow', { id: ran.id });
    await eventually(async () =>
      (await service.invoke('executions.get', { id: executionId })).endedAt === null
        ? undefined
        : true,
    );
    const long = await service.invoke(
      'tasks.create',
      taskDoc('long', { action: { type: 'command', command: 'sleep 5' } }),
    );
    const waiting = await service.invoke('tasks.create', taskDoc('waiting', { priority: 3 }));
    await service.invoke('tasks.create', {
      ...taskDoc('cron with dst', { tags: ['a', 'b'], description: 'line\nbreak' }),
      triggers: [{ type: 'cron', expression: '30 2 * * *', timezone: 'Europe/Berlin' }],
      dst: { gap: 'skip', overlap: 'both' },
    });
    const paused = await service.invoke('tasks.create', taskDoc('paused', { enabled: false }));
    await service.invoke('tasks.runNow', { id: long.id });
    await service.invoke('tasks.runNow', { id: waiting.id });

    const all = await same({});
    expect(all).toHaveLength(5);
    expect(all.find((task) => task.name === 'waiting')).toMatchObject({ queuePosition: 1 });
    expect(all.find((task) => task.name === 'long')).toMatchObject({ state: 'running' });
    expect(all.find((task) => task.name.startsWith('ran'))).toMatchObject({
      lastExecution: { id: executionId },
      stats: { runs: 1 },
    });
    // An edited task is written anew, not from the text kept for it before.
    await service.invoke('tasks.update', { id: paused.id, patch: { name: 'renamed' } });
    await service.invoke('tasks.resume', { id: paused.id });
    expect((await same({})).map((task) => task.name)).toContain('renamed');
    expect((await same({ tag: 'a' })).map((task) => task.name)).toHaveLength(2);
    expect((await same({ state: 'queued' })).map((task) => task.name)).toEqual(['waiting']);
    await service.invoke('tasks.remove', { id: long.id });
  });

  it('answers other methods as JSON text, and refuses bad params as call does', async () => {
    const f = await openService();
    open.push(f);
    const { service } = f;
    expect(await service.callJson('settings.get', {})).toBe(
      JSON.stringify(await service.invoke('settings.get', {})),
    );
    const refused = await service
      .callJson('tasks.list', { state: 'asleep' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TaskdeckError);
    expect((refused as TaskdeckError).code).toBe('invalid_params');
    const unknown = await service.callJson('tasks.nope', {}).catch((e: unknown) => e);
    expect((unknown as TaskdeckError).code).toBe('unknown_method');
  });
});
