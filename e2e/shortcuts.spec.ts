import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

test('keyboard shortcuts: new task, search, settings, screens, run now, and the overlay listing them', async ({
  app,
  taskdeck,
}) => {
  const [, second] = await seedTasks(taskdeck, [
    taskDocument('Alpha job', { triggers: [{ type: 'event', event: 'manual' }] }),
    taskDocument('Beta job', {
      triggers: [{ type: 'event', event: 'manual' }],
      action: { type: 'command', command: 'echo beta' },
    }),
  ]);
  const { page } = app;

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const label of [
    'New task',
    'Search tasks',
    'Run the selected task now',
    'Open settings',
    'Show these shortcuts',
  ])
    await expect(help.getByText(label, { exact: true })).toBeVisible();
  await page.keyboard.press('?');
  await expect(help).toBeHidden();

  await page.keyboard.press('n');
  await expect(app.editor.dialog).toBeVisible();
  await expect(app.editor.name).toBeFocused();
  // Typing in a field types; it does not trigger shortcuts.
  await page.keyboard.type('nr,?');
  await expect(app.editor.name).toHaveValue('nr,?');
  await expect(help).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(app.editor.dialog).toBeHidden();

  await page.keyboard.press(',');
  await expect(app.settings.heading).toBeVisible();
  await page.keyboard.press('d');
  await expect(app.dashboard.heading).toBeVisible();
  await page.keyboard.press('t');
  await expect(page.getByRole('heading', { name: 'Tasks', level: 1 })).toBeVisible();

  await page.keyboard.press('/');
  await expect(app.search).toBeFocused();
  await page.keyboard.type('beta');
  await app.list.expectNames(['Beta job']);
  // Down into the results, then R runs the task under the cursor.
  await page.keyboard.press('ArrowDown');
  await expect(app.list.grid).toBeFocused();
  await page.keyboard.press('r');
  await expect(app.toast('Started “Beta job”')).toBeVisible();
  await expect
    .poll(async () => (await app.api.call('executions.list', { taskId: second!.id })).items.length)
    .toBe(1);

  // On a task's page, R runs that task and shows the run.
  await page.keyboard.press('Enter');
  await expect(app.detail.heading).toHaveText('Beta job');
  await page.locator('body').click({ position: { x: 600, y: 5 } });
  await page.keyboard.press('r');
  await expect(app.detail.runPanel.getByText('Succeeded', { exact: true })).toBeVisible({
    timeout: 15_000,
  });
  await expect(app.detail.historyRows).toHaveCount(2);

  // With nothing chosen, R says what to do instead of guessing.
  await page.keyboard.press('d');
  await page.keyboard.press('r');
  await expect(
    app.toast('To run a task now, open it or pick one in the task list first'),
  ).toBeVisible();
});
