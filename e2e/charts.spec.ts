import { expect, test } from './fixtures.js';
import { startHostProcess } from './support/host-process.js';
import { seedHistory } from './support/seed-history.js';
import { taskDocument } from './support/seed.js';

const RUNS = 10_000;

test('a task with 10,000 runs: the duration chart and the peaks chart show all of them', async ({
  page,
  taskdeck,
}) => {
  test.setTimeout(120_000);
  // keepHistory above the default 500, or housekeeping trims the seeded history at start.
  const task = await taskdeck.rpc.api.call(
    'tasks.create',
    taskDocument('Every minute', { keepHistory: 20_000 }),
  );
  await taskdeck.stop({ keepDataDir: true });
  await seedHistory(taskdeck.dataDir, task, RUNS);
  const host = await startHostProcess(taskdeck.dataDir);
  try {
    await page.goto(host.url);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Tasks/ })
      .click();
    await page.getByRole('row').filter({ hasText: 'Every minute' }).click();
    // seedHistory fails every seventh run.
    const failed = Math.ceil(RUNS / 7);
    const chart = page.getByRole('img', {
      name: `Durations of ${RUNS} runs over time, coloured by status: ${RUNS - failed} succeeded, ${failed} failed`,
    });
    await expect(chart).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('status', { name: 'Runs listed' })).toHaveText(`${RUNS} runs`);
    // The history lists all of them, but only a screenful of rows exists at a time.
    const history = page.getByRole('grid', { name: 'Run history' });
    await expect(history).toHaveAttribute('aria-rowcount', String(RUNS + 1));
    const rendered = await history.getByRole('row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);

    // Drawing time is measured by `npm run bench` (bench/window); here: every point is drawn.
    await expect(
      page.getByRole('img', {
        name: /^Peak CPU and memory of 10000 runs over time: CPU up to 94%/,
      }),
    ).toBeVisible();
  } finally {
    await host.stop();
  }
});
