import { expect, type Locator, type Page } from '@playwright/test';
import type { HostProcess } from '../support/host-process.js';
import { DashboardPage } from './dashboard-page.js';
import { SettingsPage } from './settings-page.js';
import { TaskDetailPage } from './task-detail-page.js';
import { TaskEditorPage } from './task-editor-page.js';
import { TaskListPage } from './task-list-page.js';

/** The screens the sidebar offers. */
export type ScreenName = 'Dashboard' | 'Tasks' | 'Settings';

/** The whole window: sidebar, toolbar, banners and the screens' page objects. */
export class TaskdeckApp {
  readonly dashboard: DashboardPage;
  readonly settings: SettingsPage;
  readonly list: TaskListPage;
  readonly editor: TaskEditorPage;
  readonly detail: TaskDetailPage;
  readonly search: Locator;
  readonly schedulerStatus: Locator;

  constructor(
    readonly page: Page,
    readonly host: HostProcess,
  ) {
    this.dashboard = new DashboardPage(page);
    this.settings = new SettingsPage(page);
    this.list = new TaskListPage(page);
    this.editor = new TaskEditorPage(page);
    this.detail = new TaskDetailPage(page);
    this.search = page.getByRole('searchbox', { name: 'Search tasks' });
    this.schedulerStatus = page.getByRole('status', { name: /^Scheduler:/ });
  }

  /** The API a script or the command line would use, for seeding and checking. */
  get api() {
    return this.host.rpc.api;
  }

  /**
   * Opens the address Taskdeck printed and waits until the window is connected and shows its
   * first screen, the dashboard.
   */
  async open(): Promise<void> {
    await this.page.goto(this.host.url);
    await expect(this.page.getByText('Connected', { exact: true })).toBeVisible();
    await expect(this.dashboard.heading).toBeVisible();
  }

  /** Goes to a screen from the sidebar, as a person clicks it, and waits for its heading. */
  async goTo(screen: ScreenName): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: new RegExp(`^${screen}`) })
      .click();
    await expect(this.page.getByRole('heading', { name: screen, level: 1 })).toBeVisible();
    if (screen === 'Tasks') await expect(this.page.getByText('Loading tasks…')).toHaveCount(0);
  }

  async newTask(): Promise<TaskEditorPage> {
    await this.page.getByRole('button', { name: 'New task' }).click();
    await expect(this.editor.dialog).toBeVisible();
    return this.editor;
  }

  /** A notification in the corner, by its text. */
  toast(text: string | RegExp): Locator {
    const toasts = this.page.getByRole('region', { name: 'Notifications' });
    return toasts.getByRole('status').or(toasts.getByRole('alert')).filter({ hasText: text });
  }

  /** Reloads the window and waits for it to be loaded again. */
  async reload(): Promise<void> {
    await this.page.reload();
    await expect(this.page.getByText('Connected', { exact: true })).toBeVisible();
  }
}
