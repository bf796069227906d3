import { eventually } from '../support/eventually.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Execution } from '../../shared/schemas/execution.js';
import { TaskdeckError } from '../../shared/errors.js';
import { openService, removeDir, taskDoc, type ServiceFixture } from './service-fixture.js';

const open: ServiceFixture[] = [];
afterEach(async () => {
  for (const f of open.splice(0)) {
    await f.close();
    removeDir(f.dir);
  }
});

/**
 * Three ended runs, then one running (`sleep`) and three queued behind it
 * (maxRunningTasks 1): seven executions, four of them live.
 */
async function liveAndHistory() {
  const f = await openService();
  open.push(f);
  const { service } = f;
  const ended: string[] = [];
  for (const name of ['done 1', 'done 2', 'done 3']) {
    const task = await service.invoke('tasks.create', taskDoc(name));
    const { executionId } = await service.invoke('tasks.runNow', { id: task.id });
    await eventually(async () =>
      (await service.invoke('executions.get', { id: executionId })).status === 'succeeded'
        ? true
        : undefined,
    );
    ended.unshift(executionId);
  }
  await service.invoke('settings.update', { maxRunningTasks: 1 });
  const blocker = await service.invoke(
    'tasks.create',
    taskDoc('blocker', { action: { type: 'command', command: 'sleep 30' } }),
  );
  const running = await service.invoke('tasks.runNow', { id: blocker.id });
  await eventually(async () =>
    (await service.invoke('executions.get', { id: running.executionId })).status === 'running'
      ? true
      : undefined,
  );
  const queued: string[] = [];
  for (const name of ['waiting 1', 'waiting 2', 'waiting 3']) {
    const task = await service.invoke('tasks.create', taskDoc(name));
    queued.push((await service.invoke('tasks.runNow', { id: task.id })).executionId);
  }
  return { f, service, ended, running: running.executionId, queued };
}

/** Follows nextCursor to the end; `between` runs after each page. */
async function allPages(
  f: ServiceFixture,
  limit: number,
  between: (page: number, items: Execution[]) => Promise<void> = () => Promise.resolve(),
): Promise<Execution[][]> {
  const pages: Execution[][] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await f.service.invoke('executions.list', {
      limit,
      ...(cursor === undefined ? {} : { cursor }),
    });
    pages.push(page.items);
    await between(pages.length, page.items);
    if (page.nextCursor === null) return pages;
    cursor = page.nextCursor;
    expect(pages.length).toBeLessThan(20);
  }
}

describe('service: executions.list pages live executions and history exactly', () => {
  it('live executions filling pages are followed by every history record, none lost or twice', async () => {
    const { f, ended, running, queued } = await liveAndHistory();
    const pages = await allPages(f, 3);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    const ids = pages.flat().map((e) => e.id);
    // Live ones first, newest queued first (the running blocker was queued before the others).
    expect(new Set(ids.slice(0, 4))).toEqual(new Set([...queued, running]));
    expect(ids[3]).toBe(running);
    expect(ids.slice(4)).toEqual(ended);
    expect(
      pages
        .flat()
        .slice(0, 4)
        .map((e) => e.status),
    ).toEqual(['queued', 'queued', 'queued', 'running']);
  });

  it('a page exactly filled by live executions still says whether history follows', async () => {
    const { f, ended } = await liveAndHistory();
    const pages = await allPages(f, 4);
    expect(pages.map((page) => page.length)).toEqual([4, 3]);
    expect(pages[1]!.map((e) => e.id)).toEqual(ended);
  });

  it('executions that end while a person pages are listed once, where they stood', async () => {
    const { f, service, ended, running, queued } = await liveAndHistory();
    const pages = await allPages(f, 2, async (page, items) => {
      if (page !== 1) return;
      // One already listed and one not yet listed end before the next page is asked for.
      const listed = items[0]!.id;
      const unlisted = queued.find((id) => !items.some((e) => e.id === id))!;
      await service.invoke('executions.cancel', { id: listed });
      await service.invoke('executions.cancel', { id: unlisted });
    });
    const ids = pages.flat().map((e) => e.id);
    expect(ids).toHaveLength(7);
    expect(new Set(ids)).toEqual(new Set([...queued, running, ...ended]));
    expect(ids.slice(4)).toEqual(ended);
    // The one that ended unlisted shows as it is now.
    expect(pages.flat().filter((e) => e.status === 'cancelled')).toHaveLength(1);
  });

  it('a cursor it did not make, or an edited one, is invalid_params naming the cursor', async () => {
    const { service } = await liveAndHistory();
    for (const cursor of ['garbage', 'h.1.garbage', 'l.1.2.not an id']) {
      const error = await service.invoke('executions.list', { cursor }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TaskdeckError);
      expect((error as TaskdeckError).issues).toEqual([
        { path: ['cursor'], message: 'Not a cursor from a previous page' },
      ]);
    }
  });
});
