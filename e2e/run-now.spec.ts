import { expect, test } from './fixtures.js';
import { seedTasks, taskDocument } from './support/seed.js';

test('run now: the live log shows the output in order, the run succeeds and joins the history', async ({
  app,
  taskdeck,
}) => {
  await seedTasks(taskdeck, [
    taskDocument('Say hello', {
      action: { type: 'command', command: 'echo hello; sleep 1; echo done' },
    }),
  ]);
  await app.goTo('Tasks');
  await app.reload();
  await app.list.open('Say hello');
  const { detail } = app;
  await expect(detail.heading).toHaveText('Say hello');
  await expect(detail.historyCount).toHaveText('0 runs');
  await expect(detail.page.getByText('Each run becomes a dot here')).toBeVisible();

  await detail.action('Run now').click();
  await expect(detail.runPanel.getByText('Running', { exact: true })).toBeVisible();
  await expect(detail.logLines()).toHaveText(['hello']);
  // Its size counts the output so far, not 0 until it ends.
  await expect(detail.runFacts).toContainText(/Output\s*6 B/);
  await expect(detail.runPanel.getByRole('progressbar')).toBeVisible();
  await expect(detail.runPanel.getByText('Succeeded', { exact: true })).toBeVisible({
    timeout: 15_000,
  });
  await expect(detail.logLines()).toHaveText(['hello', 'done']);
  await expect(detail.runFacts).toContainText(/Output\s*11 B/);

  const row = detail.historyRows.first();
  await expect(detail.historyRows).toHaveCount(1);
  await expect(row.getByRole('gridcell').nth(0)).toHaveText('Succeeded');
  await expect(row.getByRole('gridcell').nth(3)).toHaveText('0');
  await expect(row.getByRole('gridcell').nth(4)).toHaveText('By hand');
  await expect(detail.durationChart).toHaveAccessibleName(/^Durations of 1 run over time/);

  // A second run: the chart gains a point and the list's last result follows.
  await detail.action('Run now').click();
  await expect(detail.historyRows).toHaveCount(2, { timeout: 15_000 });
  await expect(detail.historyRows.first().getByRole('gridcell').nth(0)).toHaveText('Succeeded', {
    timeout: 15_000,
  });
  await expect(detail.durationChart).toHaveAccessibleName(/^Durations of 2 runs over time/);
  await app.page.getByRole('link', { name: 'All tasks' }).click();
  await expect(app.list.row('Say hello')).toContainText('Succeeded');
});

test('stdout and stderr are told apart; colour codes are stripped; the log follows until scrolled up', async ({
  app,
  taskdeck,
}) => {
  const command = [
    "printf '\\033[32mgreen\\033[0m text\\n'",
    'echo oops >&2',
    // Two pipes are read separately: a pause keeps the order across them unambiguous.
    'sleep 0.3',
    'i=1; while [ $i -le 400 ]; do echo "line $i"; i=$((i+1)); done',
    'sleep 2',
    'echo after',
  ].join('; ');
  await seedTasks(taskdeck, [taskDocument('Chatty', { action: { type: 'command', command } })]);
  await app.goTo('Tasks');
  await app.reload();
  await app.list.open('Chatty');
  const { detail } = app;
  await detail.action('Run now').click();
  // Following: the newest line is in view.
  await expect(detail.log.getByText('line 400', { exact: true })).toBeInViewport();
  // Scrolling up stops following: "Jump to latest" appears, and a new line does not pull the view down.
  await detail.log.evaluate((element) => {
    element.scrollTop = 0;
  });
  await expect(detail.logLines().first()).toHaveText('green text');
  await expect(detail.logLines('stderr')).toHaveText(['oops']);
  await expect(detail.logLines('stdout').nth(1)).toHaveText('line 1');
  const jump = detail.runPanel.getByRole('button', { name: 'Jump to latest' });
  await expect(jump).toBeVisible();
  await expect(detail.runPanel.getByText('Succeeded', { exact: true })).toBeVisible({
    timeout: 15_000,
  });
  expect(await detail.log.evaluate((element) => element.scrollTop)).toBe(0);
  await jump.click();
  await expect(detail.log.getByText('after', { exact: true })).toBeInViewport();
  await expect(jump).toBeHidden();
  expect(await detail.log.textContent()).not.toContain('\u001b');
});
