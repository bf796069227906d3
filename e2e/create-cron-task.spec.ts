import { expect, test } from './fixtures.js';

test.describe('creating a task with a cron schedule', () => {
  test('the description and next runs follow the expression; a bad one blocks saving until fixed', async ({
    app,
  }) => {
    const editor = await app.newTask();
    await expect(editor.save).toBeDisabled();
    await editor.name.fill('Weekday report');
    await editor.command.fill('echo report');
    await expect(editor.triggerType()).toHaveValue('cron');

    await editor.cronExpression.fill('30 8 * * 1-5');
    await expect(editor.cronDescription).toHaveText('At 08:30, Monday through Friday');
    await expect(editor.nextRuns.getByRole('listitem')).toHaveCount(5);
    await expect(editor.nextRuns.getByRole('listitem').first()).toContainText('08:30:00');
    await expect(editor.save).toBeEnabled();

    await editor.cronExpression.fill('61 8 * * 1-5');
    await expect(editor.cronExpression).toHaveAttribute('aria-invalid', 'true');
    await expect(editor.cronExpression).toHaveAccessibleDescription(
      /Constraint error, got value 61 expected range 0-59/,
    );
    await expect(editor.cronDescription).toBeHidden();
    await expect(editor.save).toBeDisabled();
    await expect(editor.dialog.getByText('To save, fix: Trigger 1')).toBeVisible();

    await editor.cronExpression.fill('*/15 9-17 * * *');
    await expect(editor.cronExpression).toHaveAttribute('aria-invalid', 'false');
    await expect(editor.cronDescription).toHaveText('Every 15 minutes, between 09:00 and 17:59');
    await expect(editor.nextRuns.getByRole('listitem')).toHaveCount(5);
    await editor.submit();

    await expect(app.toast('Created “Weekday report”')).toBeVisible();
    const row = app.list.row('Weekday report');
    await expect(row).toBeVisible();
    await expect(row).toContainText('Every 15 minutes, between 09:00 and 17:59');
    await expect(row).toContainText(/in \d+ (s|min|h)/);
    const [saved] = await app.api.call('tasks.list', {});
    expect(saved).toMatchObject({
      name: 'Weekday report',
      triggers: [{ type: 'cron', expression: '*/15 9-17 * * *' }],
      action: { type: 'command', command: 'echo report' },
      enabled: true,
    });
    await expect(row.locator('time')).toHaveAttribute('title', /\d{4}/);
  });

  test('the next runs are shown in the zone the trigger names', async ({ app }) => {
    const editor = await app.newTask();
    await editor.cronExpression.fill('0 9 * * *');
    await editor.dialog.getByLabel('Time zone').fill('Asia/Tokyo');
    await expect(
      editor.dialog.getByRole('list', { name: 'Next runs in Asia/Tokyo' }),
    ).toBeVisible();
    await expect(editor.nextRuns.getByRole('listitem').first()).toContainText('09:00:00');
    await expect(editor.cronDescription).toHaveText('At 09:00');
  });

  test('a new task form explains what is missing', async ({ app }) => {
    const editor = await app.newTask();
    await expect(editor.dialog.getByText('To save, fix: Name, Command')).toBeVisible();
    await editor.dialog.getByRole('button', { name: 'Show' }).click();
    await expect(editor.name).toBeFocused();
    await expect(editor.name).toHaveAccessibleDescription('Name must not be empty');
  });
});
