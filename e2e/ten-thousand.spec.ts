import { expect, test } from './fixtures.js';
import { taskDocument } from './support/seed.js';

const COUNT = 10_000;

test('10,000 tasks: the list opens, scrolls to the end, and search finds one', async ({ app }) => {
  test.setTimeout(120_000);
  const tasks = Array.from({ length: COUNT }, (_, index) =>
    taskDocument(`Job ${String(index).padStart(5, '0')}`, {
      tags: [`team-${index % 12}`],
      action: { type: 'command', command: `echo job ${index}` },
    }),
  );
  const imported = await app.api.call('tasks.import', {
    document: { format: 'taskdeck', version: 1, exportedAt: new Date().toISOString(), tasks },
    mode: 'merge',
  });
  expect(imported.imported).toBe(COUNT);
  await app.goTo('Tasks');

  // It opens with all 10,000 counted, and only a screenful of rows exists in the page
  // (virtualized). How fast it opens and scrolls is measured by `npm run bench` (bench/window).
  await expect(app.list.count).toHaveText(String(COUNT), { timeout: 30_000 });
  await expect(app.list.rows.first()).toBeVisible();
  expect(await app.list.rows.count()).toBeLessThan(60);

  // Scrolling to the end brings the last of them into view.
  await app.list.grid.evaluate((element) => {
    element.scrollTop = element.scrollHeight;
  });
  await expect(app.page.getByRole('row').filter({ hasText: 'Job 09999' })).toBeVisible();
  expect(await app.list.rows.count()).toBeLessThan(60);

  // Searching narrows ten thousand to one.
  await app.search.fill('Job 07342');
  await app.list.expectNames(['Job 07342']);
  await expect(app.list.count).toHaveText(`1 of ${COUNT}`);
  await app.list.open('Job 07342');
  await expect(app.detail.heading).toHaveText('Job 07342');
});
