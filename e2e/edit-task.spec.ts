import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

test('edit: rename and give a new schedule; other settings stay as they were', async ({
  app,
  taskdeck,
}) => {
  const [task] = await seedTasks(taskdeck, [
    taskDocument('Sync photos', { tags: ['photos'], retry: { maxRetries: 2 }, timeoutMs: 600_000 }),
  ]);
  await app.goTo('Tasks');
  await app.reload();
  await app.list.open('Sync photos');
  await app.detail.action('Edit').click();
  const { editor } = app;
  await expect(editor.dialog.getByRole('heading', { name: 'Edit “Sync photos”' })).toBeVisible();
  await expect(editor.name).toHaveValue('Sync photos');
  await expect(editor.save).toBeDisabled();
  await expect(editor.dialog.getByText('No changes yet.')).toBeVisible();

  await editor.name.fill('Sync photos often');
  await editor.chooseTrigger('Repeat every…');
  await editor.dialog.getByLabel('Every', { exact: true }).fill('5');
  await editor.dialog.getByLabel('Interval unit').selectOption('min');
  await expect(editor.nextRuns.getByRole('listitem')).toHaveCount(5);
  await editor.submit();

  await expect(app.detail.heading).toHaveText('Sync photos often');
  await expect(app.detail.facts).toContainText('Every 5 min');
  const saved = await app.api.call('tasks.get', { id: task!.id });
  expect(saved).toMatchObject({
    name: 'Sync photos often',
    triggers: [{ type: 'interval', everyMs: 300_000 }],
    tags: ['photos'],
    retry: { maxRetries: 2 },
    timeoutMs: 600_000,
  });
  expect(saved.nextRunAt).not.toBeNull();
});

test('duplicate gives a paused copy; delete asks first, then removes it', async ({
  app,
  taskdeck,
}) => {
  await seedTasks(taskdeck, [taskDocument('Report')]);
  await app.goTo('Tasks');
  await app.reload();
  await app.list.open('Report');
  await app.detail.action('Duplicate').click();
  await expect(app.detail.heading).toHaveText('Report (copy)');
  await expect(app.detail.state).toHaveText('Paused');
  await expect(app.toast('Duplicated as “Report (copy)” (paused)')).toBeVisible();

  await app.detail.action('Delete…').click();
  const confirm = app.page.getByRole('alertdialog');
  await expect(confirm).toContainText('Delete “Report (copy)”?');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.detail.heading).toHaveText('Report (copy)');
  await app.detail.action('Delete…').click();
  await confirm.getByRole('button', { name: 'Delete task' }).click();
  await expect(app.page.getByRole('heading', { name: 'Tasks', level: 1 })).toBeVisible();
  await app.list.expectNames(['Report']);
  expect((await app.api.call('tasks.list', {})).map((task) => task.name)).toEqual(['Report']);
});

test('an error from Taskdeck itself appears at its field, and Save waits for a fix', async ({
  app,
  taskdeck,
}) => {
  const [upstream] = await seedTasks(taskdeck, [taskDocument('Upstream')]);
  await app.goTo('Tasks');
  await app.reload();
  const editor = await app.newTask();
  await editor.name.fill('Alert on failure');
  await editor.command.fill('notify-send "Upstream failed"');
  await editor.chooseTrigger('When something happens');
  await editor.dialog.getByLabel('Event').selectOption({ label: 'After another task fails' });
  const picker = editor.dialog.getByLabel('Which task');
  await expect(editor.save).toBeDisabled();
  await picker.selectOption({ label: 'Upstream' });
  await expect(editor.save).toBeEnabled();

  // Someone removes the task it follows (from the command line) before Save.
  await app.api.call('tasks.remove', { id: upstream!.id });
  await expect(picker.locator('option:checked')).toHaveText('(a task that no longer exists)');
  await editor.save.click();
  await expect(picker).toHaveAttribute('aria-invalid', 'true');
  await expect(picker).toHaveAccessibleDescription('No task with this id');
  await expect(editor.formError).toContainText('Taskdeck did not accept this task');
  await expect(editor.save).toBeDisabled();
  await expect(editor.dialog).toBeVisible();

  await editor.dialog.getByLabel('Event').selectOption({ label: 'Only when run by hand' });
  await expect(editor.formError).toBeHidden();
  await editor.submit();
  await expect(app.list.row('Alert on failure')).toContainText('Only when run by hand');
});
