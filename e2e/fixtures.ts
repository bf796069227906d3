import { test as base, expect } from '@playwright/test';
import { TaskdeckApp } from './pages/taskdeck-app.js';
import { startHostProcess, type HostProcess } from './support/host-process.js';

interface Fixtures {
  /** A fresh Taskdeck (`serve --port 0 --no-examples` on a new folder), stopped after the test. */
  taskdeck: HostProcess;
  /** The window, opened at the host's address, as a person uses it. */
  app: TaskdeckApp;
}

/** Playwright's test with a real Taskdeck per test and the window's page objects. */
export const test = base.extend<Fixtures>({
  // Playwright reads a fixture's dependencies from its first parameter, so it must be an object pattern.
  // eslint-disable-next-line no-empty-pattern
  taskdeck: async ({}, use) => {
    const host = await startHostProcess();
    try {
      await use(host);
    } finally {
      await host.stop();
    }
  },
  app: async ({ page, taskdeck }, use) => {
    const app = new TaskdeckApp(page, taskdeck);
    await app.open();
    await use(app);
  },
});

export { expect };
