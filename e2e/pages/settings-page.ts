import { expect, type Locator, type Page } from '@playwright/test';

/** The settings screen: each setting by its label, export and import. */
export class SettingsPage {
  readonly heading: Locator;
  readonly exportButton: Locator;
  readonly importFile: Locator;
  readonly importReport: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Settings', level: 1 });
    this.exportButton = page.getByRole('button', { name: 'Export tasks' });
    this.importFile = page.getByLabel('Choose a file to import');
    this.importReport = page
      .getByRole('status', { name: 'Import report' })
      .or(page.getByRole('alert', { name: 'Import report' }));
  }

  /** A setting's row: its label, help, control and "Saved" note. */
  setting(label: string): Locator {
    return this.page.getByRole('group', { name: label, exact: true });
  }

  field(label: string): Locator {
    return this.setting(label).getByLabel(label, { exact: true });
  }

  /** Types a new value into a numeric setting and presses Enter; waits until it is saved. */
  async set(label: string, value: string): Promise<void> {
    const field = this.field(label);
    await field.fill(value);
    await field.press('Enter');
    await expect(this.setting(label).getByRole('status')).toHaveText('Saved');
  }
}
