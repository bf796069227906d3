import { expect, type Locator, type Page } from '@playwright/test';
import type { HostProcess } from '../support/host-process.js';
import { TaskDetailPage } from './task-detail-page.js';
import { TaskEditorPage } from './task-editor-page.js';
import { TaskListPage } from './task-list-page.js';

/** The whole window: toolbar, banners and the screens' page objects. */
export class TaskdeckApp {
  readonly list: TaskListPage;
  readonly editor: TaskEditorPage;
  readonly detail: TaskDetailPage;
  readonly search: Locator;
  readonly schedulerStatus: Locator;

  constructor(
    readonly page: Page,
    readonly host: HostProcess,
  ) {
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

  /** Opens the address Taskdeck printed and waits until the window is connected and loaded. */
  async open(): Promise<void> {
    await this.page.goto(this.host.url);
    await expect(this.page.getByText('Connected', { exact: true })).toBeVisible();
    await expect(this.page.getByRole('heading', { name: 'Tasks', level: 1 })).toBeVisible();
    await expect(this.page.getByText('Loading tasks…')).toHaveCount(0);
  }

  async newTask(): Promise<TaskEditorPage> {
    await this.page.getByRole('button', { name: 'New task' }).click();
    await expect(this.editor.dialog).toBeVisible();
    return this.editor;
  }

  /** A notification in the corner, by its text. */
  toast(text: string | RegExp): Locator {
    return this.page.getByRole('status').or(this.page.getByRole('alert')).filter({ hasText: text });
  }

  /** Reloads the window and waits for it to be loaded again. */
  async reload(): Promise<void> {
    await this.page.reload();
    await expect(this.page.getByText('Connected', { exact: true })).toBeVisible();
  }
}
