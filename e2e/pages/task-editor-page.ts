import { expect, type Locator, type Page } from '@playwright/test';

/** The task editor dialog. */
export class TaskEditorPage {
  readonly dialog: Locator;
  readonly name: Locator;
  readonly command: Locator;
  readonly cronExpression: Locator;
  readonly cronDescription: Locator;
  readonly nextRuns: Locator;
  readonly save: Locator;
  readonly formError: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog');
    this.name = this.dialog.getByLabel('Name', { exact: true });
    this.command = this.dialog.getByLabel('Command', { exact: true });
    this.cronExpression = this.dialog.getByLabel('Cron expression');
    this.cronDescription = this.dialog.getByRole('status', { name: 'The schedule in words' });
    this.nextRuns = this.dialog.getByRole('list', { name: /^Next runs in / });
    this.save = this.dialog.getByRole('button', { name: /^(Create task|Save changes)$/ });
    this.formError = this.dialog.getByRole('alert');
  }

  /** A field of the form by its whole label, e.g. "Starting at (optional)". */
  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  /** The exact times (ISO) the trigger preview lists, soonest first. */
  previewTimes(): Promise<string[]> {
    return this.nextRuns
      .getByRole('listitem')
      .evaluateAll((items) =>
        items.map((item) => item.querySelector('time')?.getAttribute('datetime') ?? ''),
      );
  }

  /** The type menu of trigger `index` (0-based). */
  triggerType(index = 0): Locator {
    return this.dialog.getByLabel(`Trigger ${index + 1} type`);
  }

  async chooseTrigger(label: string, index = 0): Promise<void> {
    await this.triggerType(index).selectOption({ label });
  }

  /** Opens an advanced group (Retries, Time and memory limits, …) if it is closed. */
  async openSection(title: string): Promise<void> {
    const section = this.dialog
      .locator('details')
      .filter({ has: this.page.getByText(title, { exact: true }) });
    if ((await section.getAttribute('open')) === null) await section.locator('summary').click();
  }

  async submit(): Promise<void> {
    await expect(this.save).toBeEnabled();
    await this.save.click();
    await expect(this.dialog).toBeHidden();
  }
}
