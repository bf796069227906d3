import type { Locator, Page } from '@playwright/test';

/** One task's page: actions, run panel with its log, charts, history and trace. */
export class TaskDetailPage {
  readonly heading: Locator;
  /** The task's state badge beside its name ("Scheduled", "Paused", …). */
  readonly state: Locator;
  /** When it runs, what it runs, its tags. */
  readonly facts: Locator;
  readonly runPanel: Locator;
  /** The shown run's duration, exit code, CPU, memory and output size. */
  readonly runFacts: Locator;
  readonly log: Locator;
  readonly history: Locator;
  readonly historyCount: Locator;
  readonly historyFilter: Locator;
  readonly durationChart: Locator;
  readonly resourceChart: Locator;
  readonly peaksChart: Locator;
  readonly trace: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.state = page.getByRole('status', { name: 'Task state' });
    this.facts = page.getByRole('group', { name: 'About this task' });
    this.runPanel = page.getByRole('region', { name: 'Run', exact: true });
    this.runFacts = this.runPanel.getByRole('group', { name: 'About this run' });
    this.log = this.runPanel.getByRole('log', { name: 'Output' });
    this.history = page.getByRole('grid', { name: 'Run history' });
    this.historyCount = page.getByRole('status', { name: 'Runs listed' });
    this.historyFilter = page.getByRole('combobox', { name: 'Filter runs by status' });
    this.durationChart = page.getByRole('img', { name: /^Durations of \d+ runs?/ });
    this.resourceChart = this.runPanel.getByRole('img', { name: /^CPU and memory of this run/ });
    this.peaksChart = page.getByRole('img', { name: /^Peak CPU and memory of/ });
    this.trace = page.getByRole('list', { name: 'Firing trace, newest first' });
  }

  /** A figure at the top of the page: "Next run", "Last run", "Success rate", "Typical duration". */
  tile(label: string): Locator {
    return this.page.getByRole('group', { name: label, exact: true });
  }

  /** The progress of the run being watched, against the task's typical duration. */
  get progress(): Locator {
    return this.runPanel.getByRole('progressbar');
  }

  action(name: 'Run now' | 'Pause' | 'Resume' | 'Edit' | 'Duplicate' | 'Delete…'): Locator {
    return this.page.getByRole('toolbar', { name: 'Task actions' }).getByRole('button', { name });
  }

  /** The history rows (header excluded), newest first. */
  get historyRows(): Locator {
    return this.history.getByRole('row').filter({ has: this.page.getByRole('gridcell') });
  }

  /** Log lines as shown, with their stream. */
  logLines(stream?: 'stdout' | 'stderr'): Locator {
    return this.log.locator(stream === undefined ? '.log-line' : `.log-line.${stream}`);
  }

  async showTrace(): Promise<void> {
    await this.page.getByRole('tab', { name: /^Trace/ }).click();
  }

  async showHistory(): Promise<void> {
    await this.page.getByRole('tab', { name: 'History' }).click();
  }
}
