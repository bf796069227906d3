import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

const CONTROL_ROLES = [
  'button',
  'link',
  'textbox',
  'searchbox',
  'combobox',
  'checkbox',
  'radio',
  'switch',
  'spinbutton',
  'tab',
  'grid',
  'img',
  'log',
] as const;

/** Every control a person (or a screen reader) can reach has a name. Returns how many it checked. */
async function expectEveryControlNamed(page: Page): Promise<number> {
  let checked = 0;
  for (const role of CONTROL_ROLES) {
    for (const control of await page.getByRole(role).all()) {
      await expect(control, `a ${role} without an accessible name`).toHaveAccessibleName(/\S/);
      checked++;
    }
  }
  return checked;
}

test('every control on every screen has an accessible name', async ({ app, taskdeck }) => {
  await seedTasks(taskdeck, [
    taskDocument('Named things', {
      tags: ['a11y'],
      action: { type: 'command', command: 'echo visible; sleep 1' },
    }),
    taskDocument('Upstream'),
  ]);
  await app.goTo('Tasks');
  await app.reload();
  expect(await expectEveryControlNamed(app.page)).toBeGreaterThan(10);

  await app.list.open('Named things');
  await app.detail.action('Run now').click();
  await expect(app.detail.runPanel.getByText('Succeeded', { exact: true })).toBeVisible({
    timeout: 15_000,
  });
  expect(await expectEveryControlNamed(app.page)).toBeGreaterThan(10);
  await app.detail.showTrace();
  await expectEveryControlNamed(app.page);

  await app.detail.action('Edit').click();
  const { editor } = app;
  for (const section of [
    'Retries',
    'Time and memory limits',
    'When runs overlap',
    'Missed runs and daylight saving',
    'Conditions',
    'Notifications and history',
    'Folder and environment',
  ]) {
    await editor.openSection(section);
  }
  await editor.dialog.getByLabel('Choose how cron times meet daylight-saving changes').check();
  await editor.dialog.getByRole('button', { name: 'Add another trigger' }).click();
  for (const type of ['Repeat every…', 'Once', 'When something happens']) {
    await editor.chooseTrigger(type, 1);
    if (type === 'Once') await editor.dialog.getByText('At a date and time').click();
    if (type === 'When something happens') {
      await editor.dialog
        .getByLabel('Event')
        .selectOption({ label: 'After another task succeeds' });
    }
    expect(await expectEveryControlNamed(app.page)).toBeGreaterThan(30);
  }
});

test('every control on the dashboard, in settings and in the shortcuts overlay has a name', async ({
  app,
  taskdeck,
}) => {
  await seedTasks(taskdeck, [
    taskDocument('Hourly sync', {
      triggers: [{ type: 'interval', everyMs: 3_600_000 }],
      action: { type: 'command', command: 'sleep 20' },
    }),
  ]);
  const [task] = await app.api.call('tasks.list', {});
  await app.api.call('tasks.runNow', { id: task!.id });
  await app.reload();
  await expect(app.dashboard.runningItems).toHaveCount(1);
  await expect(app.dashboard.plannedRuns('Hourly sync').first()).toBeAttached();
  expect(await expectEveryControlNamed(app.page)).toBeGreaterThan(10);
  await app.goTo('Settings');
  expect(await expectEveryControlNamed(app.page)).toBeGreaterThan(10);
  await app.page.keyboard.press('?');
  await expect(app.page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expectEveryControlNamed(app.page);
  await app.api.call('executions.cancel', {
    id: (await app.api.call('executions.list', { status: 'running' })).items[0]!.id,
  });
});

test('keyboard focus is always visible', async ({ app, taskdeck }) => {
  await seedTasks(taskdeck, [taskDocument('Focus me')]);
  await app.reload();
  for (let step = 0; step < 8; step++) {
    await app.page.keyboard.press('Tab');
    const outline = await app.page.evaluate(() => {
      const element = document.activeElement;
      if (element === null || element === document.body) return 'none';
      const style = getComputedStyle(element);
      return `${style.outlineStyle} ${style.boxShadow}`;
    });
    expect(outline, `focus step ${step} shows no ring`).not.toBe('none none');
    expect(outline).not.toMatch(/^none none$/);
  }
});

test('each editor field is read with its help text', async ({ app }) => {
  const editor = await app.newTask();
  const { dialog } = editor;
  const described = async (label: string, help: string | RegExp) => {
    await expect(dialog.getByLabel(label, { exact: true })).toHaveAccessibleDescription(help);
  };
  await described('Command', /^Runs in your login shell/);
  await described('Priority', '-100 to 100 (default 0); higher runs first when tasks wait.');
  await described('Tags (optional)', /^Comma-separated, e\.g\. backup, nightly/);
  await described('Enabled', 'Unticked, the task is saved paused and never fires.');
  await described('Cron expression', /^minute hour day-of-month month day-of-week/);
  await described('Time zone (optional)', 'Empty follows this computer’s zone.');

  await editor.chooseTrigger('Repeat every…');
  await described('Every', 'From 1 second to 1 year.');
  await described('Random delay (seconds, optional)', /^Up to this much later at random/);

  await editor.openSection('Retries');
  await described('Retries after a failure', /^0 to 100; 0 never retries/);
  await described('Longest wait (s)', /^Caps doubling/);
  await editor.openSection('Time and memory limits');
  await described('Time limit (optional)', /^A run still going after this is stopped/);
  await described('Memory limit (MB) (optional)', 'A run using more is stopped, and says so.');
  await editor.openSection('Conditions');
  await described('Run anyway after waiting (min) (optional)', 'Empty waits as long as it takes.');
  await editor.openSection('Notifications and history');
  await described('Runs kept in history', '1 to 100,000; default 500.');
  await editor.openSection('Folder and environment');
  await described('Working folder (optional)', 'Empty runs in your home folder.');
  await described('Environment variables (optional)', /^One NAME=value per line/);
  await editor.openSection('Missed runs and daylight saving');
  await described('Runs missed while Taskdeck was not running', /^Like anacron/);
  await described(
    'Choose how cron times meet daylight-saving changes',
    /^By default a time skipped/,
  );

  // An error is read first, then the help.
  await dialog.getByLabel('Priority', { exact: true }).fill('500');
  await expect(dialog.getByLabel('Priority', { exact: true })).toHaveAccessibleDescription(
    /^\S.*100 -100 to 100 \(default 0\)/,
  );
});
