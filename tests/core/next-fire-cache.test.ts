import { CronExpression, CronExpressionParser } from 'cron-parser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextCronFire } from '../../electron/core/cron-schedule.js';
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

  it('keeps a bounded number of parsed expressions, and answers right after starting over', () => {
    const at = Date.parse('2026-01-05T00:00:00Z');
    // 20,001 distinct expressions (one more than the parse cache keeps): a fire at second s,
    // minute m, hour h of every day.
    const expressions: string[] = [];
    for (let i = 0; i <= 20_000; i++)
      expressions.push(`${i % 60} ${Math.floor(i / 60) % 60} ${Math.floor(i / 3_600)} * * *`);
    for (const expression of expressions) nextCronFire(expression, 'UTC', at, undefined);
    const parse = vi.spyOn(CronExpressionParser, 'parse');
    // The first one was let go when the cache started over: parsed anew, with the same answer.
    expect(nextCronFire(expressions[0] as string, 'UTC', at + 1_000, undefined)).toBe(
      Date.parse('2026-01-06T00:00:00Z'),
    );
    expect(parse).toHaveBeenCalledTimes(1);
    // The last one is still kept.
    expect(nextCronFire(expressions[20_000] as string, 'UTC', at + 1_000, undefined)).toBe(
      Date.parse('2026-01-05T05:33:20Z'),
    );
    expect(parse).toHaveBeenCalledTimes(1);
  });
});
