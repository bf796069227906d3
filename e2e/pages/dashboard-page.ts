import type { Locator, Page } from '@playwright/test';

/** The dashboard: tiles, running now, the queue, the next 24 hours, outcomes, load, problems. */
export class DashboardPage {
  readonly heading: Locator;
  readonly actions: Locator;
  readonly running: Locator;
  readonly queue: Locator;
  readonly timeline: Locator;
  readonly outcomes: Locator;
  readonly systemLoad: Locator;
  readonly systemChart: Locator;
  readonly problems: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Dashboard', level: 1 });
    this.actions = page.getByRole('toolbar', { name: 'Dashboard actions' });
    this.running = page.getByRole('region', { name: 'Running now' });
    this.queue = page.getByRole('region', { name: 'Queue' });
    this.timeline = page.getByRole('region', { name: 'Next 24 hours' });
    this.outcomes = page.getByRole('region', { name: 'How runs went' });
    this.systemLoad = page.getByRole('region', { name: 'System load' });
    this.systemChart = this.systemLoad.getByRole('img', { name: /^System CPU and memory over/ });
    this.problems = page.getByRole('region', { name: 'Needs your attention' });
  }

  /** The queue's entries, in the order they will start. */
  get queueItems(): Locator {
    return this.queue.getByRole('list').getByRole('listitem');
  }

  /** The names in the queue, first to start first. */
  queueNames(): Promise<string[]> {
    return this.queueItems.getByRole('link').allTextContents();
  }

  /** The positions the queue shows ("#1", "#2", …), in its order. */
  get queuePositions(): Locator {
    return this.queueItems.getByText(/^#\d+$/);
  }

  /** The list of tasks due in the next 24 hours; `data-start`/`data-end` give its time axis. */
  get timelineList(): Locator {
    return this.timeline.getByRole('list', { name: 'Tasks due in the next 24 hours' });
  }

  /** The timeline's rows, one per task due. */
  get timelineRows(): Locator {
    return this.timelineList.getByRole('listitem').filter({ has: this.page.getByRole('link') });
  }

  /** A figure of the outcomes card: "Last 24 hours" or "Last 7 days". */
  outcome(window: 'Last 24 hours' | 'Last 7 days'): Locator {
    return this.outcomes.getByRole('group', { name: window });
  }

  /** The latest failed runs the outcomes card lists. */
  get latestFailures(): Locator {
    return this.outcomes.getByRole('list', { name: 'Latest failures' }).getByRole('listitem');
  }

  /** The running tasks' entries. */
  get runningItems(): Locator {
    return this.running.getByRole('list', { name: 'Running tasks' }).getByRole('listitem');
  }

  /** A task's row on the timeline. */
  timelineRow(name: string): Locator {
    return this.timeline
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** The planned runs of a task on the timeline. */
  plannedRuns(name: string): Locator {
    return this.timeline
      .getByRole('list', { name: `Planned runs of ${name}` })
      .getByRole('listitem');
  }
}
