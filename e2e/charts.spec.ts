import { expect, test } from './fixtures.js';
import { startHostProcess } from './support/host-process.js';
import { seedHistory } from './support/seed-history.js';
import { taskDocument } from './support/seed.js';

const RUNS = 10_000;

interface DrawMeasure {
  duration: number;
  points: number;
  label: string;
}

test('a task with 10,000 runs: the duration chart draws all of them within 200 ms', async ({
  page,
  taskdeck,
}, testInfo) => {
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
    await page.getByRole('row').filter({ hasText: 'Every minute' }).click();
    const chart = page.getByRole('img', {
      name: `Durations of ${RUNS} runs over time, coloured by status`,
    });
    await expect(chart).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.history-tools .muted')).toHaveText(`${RUNS} runs`);

    // A full rebuild with every point (as when the system switches light/dark), then a redraw.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.emulateMedia({ colorScheme: 'light' });
    const draws = await page.waitForFunction(
      (runs) => {
        const found = performance
          .getEntriesByName('taskdeck:chart-draw')
          .map((entry) => ({
            duration: entry.duration,
            ...((entry as PerformanceMeasure).detail as { points: number; label: string }),
          }))
          .filter((entry) => entry.points === runs && entry.label.startsWith('Durations'));
        return found.length >= 2 ? found : false;
      },
      RUNS,
      { timeout: 15_000 },
    );
    const measures = (await draws.jsonValue()) as DrawMeasure[];
    const durations = measures.map((measure) => Math.round(measure.duration));
    console.log(`duration chart, ${RUNS} points: draws took ${durations.join(', ')} ms`);
    testInfo.annotations.push({
      type: `chart draw, ${RUNS} points (ms)`,
      description: durations.join(', '),
    });
    expect(Math.max(...durations)).toBeLessThanOrEqual(200);
    await expect(
      page.getByRole('img', { name: /^Peak CPU and memory of 10000 runs/ }),
    ).toBeVisible();
  } finally {
    await host.stop();
  }
});
