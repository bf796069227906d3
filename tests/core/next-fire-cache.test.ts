import { CronExpression } from 'cron-parser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { harness } from './support/harness.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('next fires are computed once per expression, zone and fire', () => {
  it('10,000 tasks on one cron expression: one computation per fire, not one per task', async () => {
    // An expression no other test uses: the cache is the process's, and this one starts cold.
    const expression = '7/13 * * * * *';
    const h = harness({ maxRunningTasks: 10_000 });
    for (let i = 0; i < 10_000; i++)
      h.add({ name: `t${i}`, triggers: [{ type: 'cron', expression }] });
    const steps = vi.spyOn(CronExpression.prototype, 'next');
    await h.engine.start();
    await h.run(60_000);

    // Seconds 7, 20, 33, 46 and 59 of the minute: five fires for each task.
    expect(h.started).toHaveLength(50_000);
    expect(new Set(h.started.map((exec) => exec.scheduledAt)).size).toBe(5);
    // One cron step per computed fire (the first plan and each re-plan), shared by all tasks;
    // without the cache it would be at least one per task and fire.
    expect(steps.mock.calls.length).toBeGreaterThan(0);
    expect(steps.mock.calls.length).toBeLessThanOrEqual(10);
  });

  it('tasks in other zones on the same expression get their own answers', async () => {
    const h = harness({ maxRunningTasks: 10, start: '2026-01-04T23:00:00Z' });
    h.add({ name: 'utc', triggers: [{ type: 'cron', expression: '0 9 * * *' }] });
    h.add({
      name: 'tokyo',
      triggers: [{ type: 'cron', expression: '0 9 * * *', timezone: 'Asia/Tokyo' }],
    });
    await h.engine.start();
    await h.run(86_400_000);
    expect(
      h.started.map((exec) => [exec.taskName, new Date(exec.scheduledAt).toISOString()]),
    ).toEqual([
      ['tokyo', '2026-01-05T00:00:00.000Z'],
      ['utc', '2026-01-05T09:00:00.000Z'],
    ]);
  });
});
