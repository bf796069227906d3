import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

const everySecond = { triggers: [{ type: 'interval' as const, everyMs: 1_000 }] };

test('paused from the list, a task does not fire; resumed, it fires again', async ({
  app,
  taskdeck,
}) => {
  const [task] = await seedTasks(taskdeck, [
    taskDocument('Heartbeat', { ...everySecond, action: { type: 'command', command: 'true' } }),
  ]);
  await app.goTo('Tasks');
  await app.reload();
  const runs = async () =>
    (await app.api.call('executions.list', { taskId: task!.id })).items.length;
  await expect.poll(runs, { timeout: 10_000 }).toBeGreaterThan(0);

  await app.list.check('Heartbeat');
  await app.list.selectionAction('Pause');
  await expect(app.list.state('Heartbeat')).toHaveText('Paused');
  await expect(app.list.row('Heartbeat').getByRole('gridcell').nth(3)).toHaveText('—');
  // Nothing fires while paused: the count stays put for well over two intervals.
  const paused = await runs();
  await app.page.waitForTimeout(2_500);
  expect(await runs()).toBe(paused);

  await app.list.selectionAction('Resume');
  await expect(app.list.state('Heartbeat')).toHaveText(/Scheduled|Running/);
  await expect.poll(runs, { timeout: 10_000 }).toBeGreaterThan(paused);
});

test('pause and resume from the task page, and pause all from the toolbar', async ({
  app,
  taskdeck,
}) => {
  await seedTasks(taskdeck, [taskDocument('Nightly build')]);
  await app.goTo('Tasks');
  await app.reload();
  await app.list.open('Nightly build');
  const { detail } = app;
  await detail.action('Pause').click();
  await expect(app.detail.state).toHaveText('Paused');
  await expect(detail.action('Resume')).toBeVisible();
  expect((await app.api.call('tasks.list', {}))[0]).toMatchObject({
    enabled: false,
    state: 'paused',
  });
  await app.reload();
  await expect(app.detail.state).toHaveText('Paused');
  await detail.action('Resume').click();
  await expect(app.detail.state).toHaveText('Scheduled');
  expect((await app.api.call('tasks.list', {}))[0]).toMatchObject({ enabled: true, state: 'idle' });

  await app.page.getByRole('button', { name: 'Pause all' }).click();
  await expect(app.schedulerStatus).toHaveText('All paused');
  expect((await app.api.call('scheduler.status', {})).paused).toBe(true);
  await app.page.getByRole('button', { name: 'Resume all' }).click();
  await expect(app.schedulerStatus).toHaveText(/0 of 4 running · 0 queued/);
  expect((await app.api.call('scheduler.status', {})).paused).toBe(false);
});
