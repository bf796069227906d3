import { expect, test } from './fixtures.js';
import { startHostProcess, type HostProcess } from './support/host-process.js';
import { processesMatching } from './support/processes.js';

/** Taskdeck started again on the same folder, address and token, as the window knew it. */
function restart(host: HostProcess): Promise<HostProcess> {
  return startHostProcess(host.dataDir, {
    port: Number(new URL(host.origin).port),
    token: host.token,
  });
}

test('tasks and their history survive a restart; a run cut off by a crash shows as interrupted', async ({
  app,
  taskdeck,
}) => {
  test.setTimeout(120_000);
  const hosts: HostProcess[] = [];
  try {
    // Two tasks made in the window; one is run.
    for (const [name, command] of [
      ['Archive photos', 'echo archived'],
      ['Long rebuild', 'sleep 61.25'],
    ] as const) {
      const editor = await app.newTask();
      await editor.name.fill(name);
      await editor.command.fill(command);
      await editor.cronExpression.fill('0 4 * * *');
      await editor.submit();
    }
    await app.list.open('Archive photos');
    await app.detail.action('Run now').click();
    await expect(app.detail.runPanel.getByText('Succeeded', { exact: true })).toBeVisible({
      timeout: 15_000,
    });
    const before = await app.api.call('tasks.list', {});

    // A graceful restart: the window reconnects by itself and shows everything again.
    await taskdeck.stop({ keepDataDir: true });
    await expect(app.page.getByText('Reconnecting…', { exact: true })).toBeVisible();
    const second = await restart(taskdeck);
    hosts.push(second);
    await expect(app.page.getByText('Connected', { exact: true })).toBeVisible({ timeout: 15_000 });
    const after = await second.rpc.api.call('tasks.list', {});
    expect(after.map((task) => [task.id, task.name, task.action, task.triggers]).sort()).toEqual(
      before.map((task) => [task.id, task.name, task.action, task.triggers]).sort(),
    );
    await expect(app.detail.heading).toHaveText('Archive photos');
    await expect(app.detail.historyRows).toHaveCount(1);
    await expect(app.detail.historyRows.first()).toContainText('Succeeded');
    await app.page.getByRole('link', { name: 'All tasks' }).click();
    await expect(app.list.rows).toHaveCount(2);
    await expect(app.list.row('Archive photos')).toContainText('Succeeded');

    // A crash in the middle of a run: the host is killed outright.
    await app.list.open('Long rebuild');
    await app.detail.action('Run now').click();
    await expect(app.detail.runPanel.getByText('Running', { exact: true })).toBeVisible();
    await expect.poll(() => processesMatching('sleep 61.25').length).toBeGreaterThan(0);
    second.child.kill('SIGKILL');
    await expect(app.page.getByText('Reconnecting…', { exact: true })).toBeVisible();

    const third = await restart(second);
    hosts.push(third);
    await expect(app.page.getByText('Connected', { exact: true })).toBeVisible({ timeout: 15_000 });
    // The run that was cut off is recorded as interrupted, and nothing of it runs on.
    await expect(app.detail.historyRows).toHaveCount(1);
    await expect(app.detail.historyRows.first()).toContainText('Interrupted');
    await expect(app.detail.runPanel.getByText('Interrupted', { exact: true })).toBeVisible();
    expect(processesMatching('sleep 61.25')).toEqual([]);
    const [run] = (await third.rpc.api.call('executions.list', { status: 'interrupted' })).items;
    expect(run).toMatchObject({ taskName: 'Long rebuild', status: 'interrupted' });
    await app.page.getByRole('link', { name: 'All tasks' }).click();
    await expect(app.list.row('Archive photos')).toContainText('Succeeded');
    await expect(app.list.row('Long rebuild')).toContainText('Interrupted');
  } finally {
    for (const host of hosts.reverse()) await host.stop({ keepDataDir: true });
  }
});
