import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.js';

const HOUR = 3_600_000;

test('once, in some minutes: the preview counts from now, and saving keeps the time it showed', async ({
  app,
  page,
}) => {
  // The window's clock can be moved on; the host keeps real time.
  await page.clock.install();
  await app.reload();
  const editor = await app.newTask();
  await editor.name.fill('Remind me');
  await editor.command.fill('echo stretch');
  await editor.chooseTrigger('Once');
  await expect(editor.dialog.getByRole('radio', { name: 'In some minutes' })).toBeChecked();
  await editor.field('In how many minutes').fill('5');
  const planned = editor.nextRuns.getByRole('listitem');
  await expect(planned).toHaveCount(1);
  await expect(planned).toContainText('in 5 min');
  const opened = Date.parse((await editor.previewTimes())[0]!);

  // A minute later the time it shows has moved on with the clock, still five minutes away.
  await page.clock.fastForward('01:05');
  await expect
    .poll(async () => Date.parse((await editor.previewTimes())[0]!) - opened)
    .toBeGreaterThanOrEqual(65_000);
  await expect(planned).toContainText('in 5 min');
  const shown = Date.parse((await editor.previewTimes())[0]!);
  await editor.submit();

  const [saved] = await app.api.call('tasks.list', {});
  expect(saved!.triggers).toHaveLength(1);
  const at = saved!.triggers[0]!.type === 'once' ? Date.parse(saved!.triggers[0]!.at) : NaN;
  expect(Math.abs(at - shown)).toBeLessThanOrEqual(2_000);
  expect(saved!.nextRunAt).toBe(new Date(at).toISOString());
  await expect(app.list.nextRun('Remind me')).toHaveText(/^in [45] min$/);
  await expect(app.list.nextRun('Remind me').locator('time')).toHaveAttribute(
    'datetime',
    saved!.nextRunAt!,
  );
});

test('once, at a date and time: the picker, its preview, and the saved task’s next run', async ({
  app,
}) => {
  // The browser runs in UTC (playwright.config.ts), so local time reads as UTC here.
  const tomorrow = new Date(Date.now() + 24 * HOUR);
  const day = tomorrow.toISOString().slice(0, 10);
  const when = `${day}T09:30:00.000Z`;
  const editor = await app.newTask();
  await editor.name.fill('Renew certificate');
  await editor.command.fill('certbot renew');
  await editor.chooseTrigger('Once');
  await editor.dialog.getByText('At a date and time').click();
  const picker = editor.field('Date and time');
  await expect(picker).toHaveAccessibleDescription('In this computer’s time zone.');

  // A time already past is said to be so.
  await picker.fill(`${new Date(Date.now() - 24 * HOUR).toISOString().slice(0, 10)}T09:30:00`);
  await expect(editor.dialog.getByText('That time has passed, so it would not run.')).toBeVisible();

  await picker.fill(`${day}T09:30:00`);
  await expect(editor.nextRuns.getByRole('listitem')).toHaveCount(1);
  expect(await editor.previewTimes()).toEqual([when]);
  await expect(editor.nextRuns).toContainText('09:30:00');
  await editor.submit();

  const [saved] = await app.api.call('tasks.list', {});
  expect(saved).toMatchObject({ triggers: [{ type: 'once', at: when }], nextRunAt: when });
  const next = app.list.nextRun('Renew certificate');
  await expect(next).toHaveText(/^in (\d+ h|1 d)$/);
  await expect(next.locator('time')).toHaveAttribute('datetime', when);
  await expect(next.locator('time')).toHaveAttribute('title', /9:30:00 AM/);
});

test('an interval can start at a chosen time: the preview begins there, and editing keeps it', async ({
  app,
}) => {
  const day = new Date(Date.now() + 24 * HOUR).toISOString().slice(0, 10);
  const start = `${day}T06:00:00.000Z`;
  const editor = await app.newTask();
  await editor.name.fill('Morning sync');
  await editor.command.fill('echo sync');
  await editor.chooseTrigger('Repeat every…');
  await editor.field('Every').fill('6');
  await editor.dialog.getByLabel('Interval unit').selectOption('h');
  const starting = editor.field('Starting at (optional)');
  await expect(starting).toHaveValue('');
  await expect(starting).toHaveAccessibleDescription(/Empty counts from when you save\.$/);

  await starting.fill('not a time');
  await starting.fill(`${day}T06:00:00`);
  await expect
    .poll(() => editor.previewTimes())
    .toEqual(
      [0, 6, 12, 18, 24].map((hours) => new Date(Date.parse(start) + hours * HOUR).toISOString()),
    );
  await editor.submit();

  const [saved] = await app.api.call('tasks.list', {});
  expect(saved).toMatchObject({
    triggers: [{ type: 'interval', everyMs: 6 * HOUR, startAt: start }],
    nextRunAt: start,
  });

  // Editing shows the start it was saved with, and keeps it through other changes.
  await app.list.open('Morning sync');
  await app.detail.action('Edit').click();
  await expect(app.editor.field('Starting at (optional)')).toHaveValue(
    new RegExp(`^${day}T06:00(:00)?$`),
  );
  await app.editor.name.fill('Morning sync (every 6 h)');
  await app.editor.submit();
  await expect(app.detail.heading).toHaveText('Morning sync (every 6 h)');
  expect((await app.api.call('tasks.get', { id: saved!.id })).triggers).toEqual([
    { type: 'interval', everyMs: 6 * HOUR, startAt: start },
  ]);
});

test('when a file changes: the path is asked for, saved, and a change to it runs the task', async ({
  app,
}) => {
  const folder = mkdtempSync(join(tmpdir(), 'taskdeck-watched-'));
  try {
    const editor = await app.newTask();
    await editor.name.fill('Rebuild site');
    await editor.command.fill('echo rebuilding');
    await editor.chooseTrigger('When something happens');
    await editor.dialog
      .getByLabel('Event')
      .selectOption({ label: 'When a file or folder changes' });
    const path = editor.field('File or folder');
    await expect(path).toHaveAccessibleDescription(/^An absolute path/);
    await expect(editor.save).toBeDisabled();
    await expect(editor.dialog.getByText('To save, fix: Trigger 1')).toBeVisible();
    await expect(editor.nextRuns).toBeHidden();
    // Typing and clearing it says what is missing, in the form's words.
    await path.fill('/tmp');
    await path.fill('');
    await expect(path).toHaveAccessibleDescription(/^Give the file or folder to watch/);

    await path.fill(folder);
    await editor.submit();
    const [saved] = await app.api.call('tasks.list', {});
    expect(saved).toMatchObject({
      triggers: [{ type: 'event', event: 'file.changed', path: folder }],
      nextRunAt: null,
    });
    const row = app.list.row('Rebuild site');
    await expect(row).toContainText(`When ${folder} changes`);
    await expect(app.list.nextRun('Rebuild site')).toHaveText('—');

    writeFileSync(join(folder, 'index.md'), '# changed\n');
    await expect(app.list.lastRun('Rebuild site')).toContainText('Succeeded', { timeout: 15_000 });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
