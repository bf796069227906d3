import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

test('one slot, three tasks fired together: the queue shows them by priority and they run in that order', async ({
  app,
  taskdeck,
}) => {
  test.setTimeout(90_000);
  await app.api.call('settings.update', { maxRunningTasks: 1 });
  await seedTasks(taskdeck, [
    taskDocument('Long job', {
      triggers: [{ type: 'event', event: 'manual' }],
      // Long enough to outlast a slow machine: the person cancels it once the queue is seen.
      action: { type: 'command', command: 'sleep 120' },
    }),
  ]);

  // The person starts the long job from its page, then watches the dashboard.
  await app.goTo('Tasks');
  await app.list.open('Long job');
  await app.detail.action('Run now').click();
  await app.goTo('Dashboard');
  const { dashboard } = app;
  await expect(dashboard.runningItems).toHaveCount(1);
  await expect(dashboard.runningItems.first()).toContainText('Long job');

  // Meanwhile three tasks are added (as a script would) that all fire in one moment, soon.
  const at = new Date(Date.now() + 3_000).toISOString();
  const together = (name: string, priority: number) =>
    taskDocument(name, {
      priority,
      triggers: [{ type: 'once', at }],
      action: { type: 'command', command: 'sleep 1' },
    });
  await seedTasks(taskdeck, [
    together('Low priority', -5),
    together('High priority', 10),
    together('Normal priority', 0),
  ]);

  await expect(dashboard.queueItems).toHaveCount(3, { timeout: 15_000 });
  await expect
    .poll(() => dashboard.queueNames())
    .toEqual(['High priority', 'Normal priority', 'Low priority']);
  await expect(dashboard.queuePositions).toHaveText(['#1', '#2', '#3']);
  await expect(dashboard.queueItems.first()).toContainText(
    'Waiting for a free slot (1 of 1 in use)',
  );

  // The person frees the slot: the highest runs first and the queue moves up.
  await dashboard.running.getByRole('button', { name: 'Cancel the run of Long job' }).click();
  await expect(dashboard.runningItems.first()).toContainText('High priority', { timeout: 15_000 });
  await expect.poll(() => dashboard.queueNames()).toEqual(['Normal priority', 'Low priority']);
  await expect(dashboard.queuePositions).toHaveText(['#1', '#2']);
  await expect(dashboard.runningItems.first()).toContainText('Normal priority', {
    timeout: 10_000,
  });
  await expect.poll(() => dashboard.queueNames()).toEqual(['Low priority']);
  await expect(dashboard.runningItems.first()).toContainText('Low priority', { timeout: 10_000 });
  await expect(dashboard.queue.getByText('Nothing is waiting')).toBeVisible({ timeout: 10_000 });

  // What Taskdeck recorded agrees: one after another, by priority.
  await expect
    .poll(
      async () => (await app.api.call('executions.list', { status: 'succeeded' })).items.length,
      { timeout: 15_000 },
    )
    .toBe(3);
  const runs = (await app.api.call('executions.list', { status: 'succeeded' })).items
    .filter((run) => run.taskName.endsWith('priority'))
    .sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
  expect(runs.map((run) => run.taskName)).toEqual([
    'High priority',
    'Normal priority',
    'Low priority',
  ]);
  for (let index = 1; index < runs.length; index++) {
    expect(Date.parse(runs[index]!.startedAt!)).toBeGreaterThanOrEqual(
      Date.parse(runs[index - 1]!.endedAt!),
    );
  }
});
