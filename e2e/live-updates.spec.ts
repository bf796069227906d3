import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

/** N in "System CPU and memory over the last N readings (…)". */
function readings(label: string | null): number {
  const match = /over the last (\d+) readings/.exec(label ?? '');
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

test('relative times stay current without a reload: "in 2 min" becomes "in 1 min"', async ({
  app,
  page,
  taskdeck,
}) => {
  const at = new Date(Date.now() + 150_000).toISOString();
  await seedTasks(taskdeck, [taskDocument('Stand up', { triggers: [{ type: 'once', at }] })]);
  // The window's clock can be moved on; the host keeps real time.
  await page.clock.install();
  await app.reload();
  await app.goTo('Tasks');
  const next = app.list.nextRun('Stand up');
  await expect(next).toHaveText('in 2 min');

  await page.clock.fastForward('01:00');
  await expect(next).toHaveText('in 1 min');
  await app.list.open('Stand up');
  await expect(app.detail.tile('Next run')).toContainText('in 1 min');

  await page.clock.fastForward('01:00');
  await expect(app.detail.tile('Next run')).toContainText(/in \d+ s/);
});

test('the live system chart takes in new readings as they arrive', async ({ app }) => {
  const chart = app.dashboard.systemChart;
  await expect(chart).toBeVisible({ timeout: 15_000 });
  const first = readings(await chart.getAttribute('aria-label'));
  expect(first).toBeGreaterThanOrEqual(2);
  await expect
    .poll(async () => readings(await chart.getAttribute('aria-label')), { timeout: 15_000 })
    .toBeGreaterThan(first);
  await expect(chart).toHaveAccessibleName(
    /^System CPU and memory over the last \d+ readings \(\d+(\.\d)? s\): CPU now [\d.]+%, memory [\d.]+ [KMGT]?B of [\d.]+ [KMGT]?B$/,
  );
});
