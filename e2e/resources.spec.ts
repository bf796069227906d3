import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

/** The number before "%" in "CPU up to 97%". */
function cpuPeak(label: string | null): number {
  const match = /CPU up to ([\d.]+)%/.exec(label ?? '');
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

test('a CPU-busy command: its chart shows CPU samples above 50% and its memory, live and after', async ({
  app,
  taskdeck,
}) => {
  await seedTasks(taskdeck, [
    taskDocument('Crunch numbers', {
      // Four busy loops, so the tree stays well above 50% of a core even on a busy machine.
      action: {
        type: 'command',
        command:
          'yes >/dev/null & a=$!; yes >/dev/null & b=$!; yes >/dev/null & c=$!; yes >/dev/null & d=$!; sleep 5; kill $a $b $c $d',
      },
    }),
  ]);
  await app.goTo('Tasks');
  await app.reload();
  await app.list.open('Crunch numbers');
  const { detail } = app;
  await detail.action('Run now').click();
  await expect(detail.runPanel.getByText('Running', { exact: true })).toBeVisible();
  // Live: samples arrive while it runs.
  await expect(detail.resourceChart).toBeVisible({ timeout: 5_000 });
  await expect
    .poll(async () => cpuPeak(await detail.resourceChart.getAttribute('aria-label')), {
      timeout: 5_000,
    })
    .toBeGreaterThan(50);
  // The run's figures follow its readings while it runs (not dashes until it ends): it has
  // seconds left, so a figure that only came with the end would miss these short waits.
  await expect(detail.runFacts).toContainText(/CPU avg \/ peak.*\d+%/, { timeout: 1_500 });
  await expect(detail.runFacts).toContainText(/Memory peak\s*[\d.]+ (KB|MB)/, {
    timeout: 1_500,
  });
  await expect(detail.runPanel.getByText('Succeeded', { exact: true })).toBeVisible({
    timeout: 15_000,
  });

  // After: the saved samples, the run's figures, and the per-run peaks chart.
  const label = (await detail.resourceChart.getAttribute('aria-label')) ?? '';
  expect(label).toMatch(
    /^CPU and memory of this run: \d+ samples?, CPU up to [\d.]+%, memory up to [\d.]+ (KB|MB)$/,
  );
  expect(cpuPeak(label)).toBeGreaterThan(50);
  await expect(detail.runFacts).toContainText(/CPU avg \/ peak.*\d+%/);
  await expect(detail.runFacts).toContainText(/Memory peak\s*[\d.]+ (KB|MB)/);
  await expect(detail.peaksChart).toHaveAccessibleName(
    /^Peak CPU and memory of 1 run over time: CPU up to [\d.]+%, memory up to [\d.]+ (KB|MB)$/,
  );
  await expect(detail.resourceChart.locator('canvas')).toBeVisible();
});
