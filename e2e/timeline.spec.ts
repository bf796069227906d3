import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

test('the next-24-hours timeline shows each planned run of a task at its time', async ({
  app,
  taskdeck,
}) => {
  const startAt = new Date(Date.now() + HOUR + 30 * 60_000).toISOString();
  await seedTasks(taskdeck, [
    taskDocument('Every four hours', {
      triggers: [{ type: 'cron', expression: '0 */4 * * *', timezone: 'UTC' }],
    }),
    taskDocument('Twice a day', {
      triggers: [{ type: 'interval', everyMs: 12 * HOUR, startAt }],
    }),
    taskDocument('Paused one', {
      enabled: false,
      triggers: [{ type: 'cron', expression: '0 * * * *' }],
    }),
    taskDocument('On wake only', { triggers: [{ type: 'event', event: 'system.resume' }] }),
    taskDocument('Next year', { triggers: [{ type: 'cron', expression: '0 3 1 1 *' }] }),
  ]);
  await app.reload();
  const { dashboard } = app;
  const timeline = dashboard.timelineList;
  await expect(timeline).toBeVisible();
  await expect(dashboard.timeline).toContainText('2 tasks due');

  // Only tasks that will run in the next 24 hours have a row.
  await expect(dashboard.timelineRows).toHaveCount(2);
  for (const absent of ['Paused one', 'On wake only', 'Next year'])
    await expect(dashboard.timelineRow(absent)).toHaveCount(0);

  const start = Date.parse((await timeline.getAttribute('data-start'))!);
  const end = Date.parse((await timeline.getAttribute('data-end'))!);
  expect(end - start).toBe(DAY);
  expect(Math.abs(start - Date.now())).toBeLessThan(2 * 60_000);

  const expectRunsAt = async (name: string, times: number[]) => {
    const runs = dashboard.plannedRuns(name);
    await expect(runs).toHaveCount(times.length);
    const shown = await runs.evaluateAll((items) =>
      items.map((item) => ({
        at: item.querySelector('time')?.getAttribute('datetime') ?? '',
        left: parseFloat((item as HTMLElement).style.left),
        x: item.getBoundingClientRect().left + item.getBoundingClientRect().width / 2,
        track: item.closest('.tl-track')?.getBoundingClientRect() ?? null,
      })),
    );
    expect(shown.map((run) => Date.parse(run.at))).toEqual(times);
    for (const [index, run] of shown.entries()) {
      const share = (times[index]! - start) / DAY;
      // Where the mark is drawn: its share of the axis, to a pixel.
      expect(run.left).toBeCloseTo(share * 100, 2);
      expect(Math.abs(run.x - (run.track!.left + share * run.track!.width))).toBeLessThanOrEqual(1);
    }
    await expect(dashboard.timelineRow(name)).toContainText(
      `${times.length} ${times.length === 1 ? 'run' : 'runs'}`,
    );
  };

  // Every four hours on the UTC clock: six runs, on the hour.
  const fourHourly: number[] = [];
  for (let at = Math.floor(start / (4 * HOUR)) * 4 * HOUR; at < end; at += 4 * HOUR)
    if (at > start) fourHourly.push(at);
  expect(fourHourly).toHaveLength(6);
  await expectRunsAt('Every four hours', fourHourly);

  // Every twelve hours from its start: two runs.
  const first = Date.parse(startAt);
  await expectRunsAt('Twice a day', [first, first + 12 * HOUR]);

  // A mark names its time when pointed at.
  const mark = dashboard.plannedRuns('Twice a day').first().locator('time');
  await expect(mark).toHaveAttribute('title', /^Twice a day: /);

  // A change of schedule moves the marks at once.
  const [task] = (await app.api.call('tasks.list', {})).filter((t) => t.name === 'Twice a day');
  await app.api.call('tasks.update', {
    id: task!.id,
    patch: { triggers: [{ type: 'interval', everyMs: 6 * HOUR, startAt }] },
  });
  await expect(dashboard.plannedRuns('Twice a day')).toHaveCount(4);
});
