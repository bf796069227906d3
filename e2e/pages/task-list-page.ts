import { expect, type Locator, type Page } from '@playwright/test';

/** The task list: its grid, filters, selection bar and delete confirmation. */
export class TaskListPage {
  readonly grid: Locator;
  readonly count: Locator;
  readonly selectionBar: Locator;
  readonly confirmDialog: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByRole('grid', { name: 'Tasks' });
    this.count = page.getByRole('status', { name: 'Tasks shown' });
    this.selectionBar = page.getByRole('toolbar', { name: 'Selected tasks' });
    this.confirmDialog = page.getByRole('alertdialog');
  }

  /** The rows shown (header excluded). */
  get rows(): Locator {
    return this.grid.getByRole('row').filter({ has: this.page.getByRole('gridcell') });
  }

  /** A task's row; rows are named by their task. */
  row(name: string): Locator {
    return this.grid.getByRole('row', { name, exact: true });
  }

  /** The state badge of a task's row, e.g. "Paused". */
  state(name: string): Locator {
    return this.row(name).getByRole('gridcell').nth(2);
  }

  /** The "Next run" cell of a task's row: relative words, the exact time on its `time`. */
  nextRun(name: string): Locator {
    return this.row(name).getByRole('gridcell').nth(3);
  }

  /** The "Last run" cell of a task's row: how it ended and when. */
  lastRun(name: string): Locator {
    return this.row(name).getByRole('gridcell').nth(4);
  }

  async open(name: string): Promise<void> {
    await this.row(name).click();
  }

  async check(name: string, options: { shift?: boolean } = {}): Promise<void> {
    await this.row(name)
      .getByRole('checkbox', { name: `Select ${name}` })
      .click(options.shift === true ? { modifiers: ['Shift'] } : {});
  }

  async filterByState(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Filter by state' }).selectOption({ label });
  }

  async filterByTag(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Filter by tag' }).selectOption({ label });
  }

  async selectionAction(name: 'Pause' | 'Resume' | 'Delete…' | 'Clear selection'): Promise<void> {
    await this.selectionBar.getByRole('button', { name }).click();
  }

  /** The rows shown are exactly these tasks, in this order. */
  async expectNames(names: string[]): Promise<void> {
    await expect(this.rows).toHaveCount(names.length);
    for (const [index, name] of names.entries()) {
      await expect(this.rows.nth(index)).toHaveAccessibleName(name);
    }
  }

  /** Sorts by a column, as a person clicks its header (a second click reverses the order). */
  async sortBy(column: 'Task' | 'State' | 'Next run' | 'Last run'): Promise<void> {
    await this.grid.getByRole('button', { name: column, exact: true }).click();
  }
}
