import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

const names = [
  'Archive mail',
  'Back up notes',
  'Clean downloads',
  'Defragment photos',
  'Email digest',
];

test.beforeEach(async ({ app, taskdeck }) => {
  await seedTasks(taskdeck, [
    taskDocument('Archive mail', { tags: ['mail'] }),
    taskDocument('Back up notes', {
      tags: ['backup', 'nightly'],
      action: { type: 'command', command: 'rsync -a ~/notes /mnt/backup' },
    }),
    taskDocument('Clean downloads', { tags: ['cleanup'] }),
    taskDocument('Defragment photos', { tags: ['nightly'], enabled: false }),
    taskDocument('Email digest', { tags: ['mail'] }),
  ]);
  await app.goTo('Tasks');
  await app.reload();
  await app.list.expectNames(names);
});

test('select several with checkboxes and Shift, then delete them after confirming', async ({
  app,
}) => {
  const { list } = app;
  await list.check('Back up notes');
  await list.check('Defragment photos', { shift: true });
  await expect(list.selectionBar).toContainText('3 tasks selected');
  await list.selectionAction('Delete…');
  await expect(list.confirmDialog).toContainText('Delete 3 tasks?');
  // Cancel keeps everything.
  await list.confirmDialog.getByRole('button', { name: 'Cancel' }).click();
  await list.expectNames(names);
  await list.selectionAction('Delete…');
  await list.confirmDialog.getByRole('button', { name: 'Delete 3 tasks' }).click();
  await list.expectNames(['Archive mail', 'Email digest']);
  await expect(app.toast('Deleted 3 tasks')).toBeVisible();
  expect((await app.api.call('tasks.list', {})).map((task) => task.name).sort()).toEqual([
    'Archive mail',
    'Email digest',
  ]);
  await app.reload();
  await list.expectNames(['Archive mail', 'Email digest']);
});

test('Ctrl-click picks rows one by one; Escape clears the selection', async ({ app }) => {
  const { list } = app;
  await list.row('Archive mail').click({ modifiers: ['Control'] });
  await list.row('Email digest').click({ modifiers: ['Control'] });
  await expect(list.selectionBar).toContainText('2 tasks selected');
  await expect(list.row('Archive mail')).toHaveAttribute('aria-selected', 'true');
  await expect(list.row('Back up notes')).toHaveAttribute('aria-selected', 'false');
  await list.selectionAction('Pause');
  await expect(list.state('Archive mail')).toHaveText('Paused');
  await expect(list.state('Email digest')).toHaveText('Paused');
  await expect(list.state('Back up notes')).toHaveText('Scheduled');
  await list.grid.focus();
  await app.page.keyboard.press('Escape');
  await expect(list.selectionBar).toBeHidden();
});

test('search by name, command or tag; filter by state and tag; clear to see all again', async ({
  app,
}) => {
  const { list } = app;
  await app.search.fill('notes');
  await list.expectNames(['Back up notes']);
  await app.search.fill('rsync');
  await list.expectNames(['Back up notes']);
  await app.search.fill('no such task');
  await expect(app.page.getByRole('heading', { name: 'No tasks match' })).toBeVisible();
  await app.page.getByRole('button', { name: 'Clear search and filters' }).click();
  await list.expectNames(names);

  await list.filterByTag('nightly');
  await list.expectNames(['Back up notes', 'Defragment photos']);
  await expect(list.count).toHaveText('2 of 5');
  await list.filterByState('Paused');
  await list.expectNames(['Defragment photos']);
  await list.filterByTag('All tags');
  await list.filterByState('All states');
  await list.expectNames(names);

  // Sorting by name the other way round.
  await list.grid.getByRole('button', { name: 'Task', exact: true }).click();
  await list.expectNames([...names].reverse());
  await expect(list.grid.getByRole('columnheader', { name: 'Task', exact: true })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
});

test('keyboard: / searches, arrows move, Space selects, Enter opens, Delete asks first', async ({
  app,
}) => {
  const { list, page } = { list: app.list, page: app.page };
  await page.keyboard.press('/');
  await expect(app.search).toBeFocused();
  await page.keyboard.type('mail');
  await list.expectNames(['Archive mail', 'Email digest']);
  await page.keyboard.press('ArrowDown');
  await expect(list.grid).toBeFocused();
  await expect(list.row('Archive mail')).toHaveClass(/active/);
  await page.keyboard.press('ArrowDown');
  await expect(list.row('Email digest')).toHaveClass(/active/);
  await page.keyboard.press('Space');
  await expect(list.selectionBar).toContainText('1 task selected');
  await page.keyboard.press('Shift+ArrowUp');
  await expect(list.selectionBar).toContainText('2 tasks selected');
  await page.keyboard.press('Delete');
  await expect(list.confirmDialog).toContainText('Delete 2 tasks?');
  await expect(list.confirmDialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(list.confirmDialog).toBeHidden();
  await list.expectNames(['Archive mail', 'Email digest']);

  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowUp');
  await expect(list.row('Archive mail')).toHaveClass(/active/);
  await page.keyboard.press('Enter');
  await expect(app.detail.heading).toHaveText('Archive mail');
  await page.goBack();
  await expect(list.grid).toBeVisible();
});

test('sort by next run (soonest first, unplanned last), by last run, and by state', async ({
  app,
}) => {
  const { list } = app;
  const tasks = await app.api.call('tasks.list', {});
  const id = (name: string) => tasks.find((task) => task.name === name)!.id;
  const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const plan = [
    ['Back up notes', 1],
    ['Clean downloads', 3],
    ['Email digest', 2],
    ['Archive mail', 5],
  ] as const;
  for (const [name, hours] of plan) {
    await app.api.call('tasks.update', {
      id: id(name),
      patch: { triggers: [{ type: 'once', at: inHours(hours) }] },
    });
  }
  await expect(list.nextRun('Archive mail')).toHaveText('in 4 h');

  await list.sortBy('Next run');
  await expect(list.grid.getByRole('columnheader', { name: 'Next run' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  // Paused, "Defragment photos" has no next run: last, whichever the direction.
  await list.expectNames([
    'Back up notes',
    'Email digest',
    'Clean downloads',
    'Archive mail',
    'Defragment photos',
  ]);
  await list.sortBy('Next run');
  await list.expectNames([
    'Archive mail',
    'Clean downloads',
    'Email digest',
    'Back up notes',
    'Defragment photos',
  ]);

  // Run two, one after the other: the most recent run sorts last going up.
  for (const name of ['Email digest', 'Archive mail']) {
    const { executionId } = await app.api.call('tasks.runNow', { id: id(name) });
    await expect
      .poll(async () => (await app.api.call('executions.get', { id: executionId })).status)
      .toBe('succeeded');
  }
  await expect(list.lastRun('Archive mail')).toContainText('Succeeded');
  await list.sortBy('Last run');
  await list.expectNames([
    'Email digest',
    'Archive mail',
    'Back up notes',
    'Clean downloads',
    'Defragment photos',
  ]);
  await list.sortBy('Last run');
  await list.expectNames([
    'Archive mail',
    'Email digest',
    'Back up notes',
    'Clean downloads',
    'Defragment photos',
  ]);

  // By state: scheduled before paused, by name within each.
  await list.check('Clean downloads');
  await list.selectionAction('Pause');
  await list.selectionAction('Clear selection');
  await expect(list.state('Clean downloads')).toHaveText('Paused');
  await list.sortBy('State');
  await list.expectNames([
    'Archive mail',
    'Back up notes',
    'Email digest',
    'Clean downloads',
    'Defragment photos',
  ]);
});
