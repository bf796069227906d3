import type { Browser } from '@playwright/test';
import type { TaskDocumentInput } from '../../shared/schemas/task.js';
import { median, percentile } from '../stats.js';
import { newPage } from './browser.js';
import type { PageGlobals } from './page-globals.js';
import { reloadUntil, scrollFrameTimes } from './probes.js';
import { startWindowHost } from './window-host.js';

/** Tasks the list is opened with. */
export const LIST_TASKS = 10_000;
const OPENINGS = 5;
const SCROLL_PASSES = 3;

/** What opening and scrolling ten thousand tasks took. */
export interface ListResult {
  /** Navigation start to the list's first rows with all tasks counted, ms, per opening. */
  listOpenMs: number[];
  /** Navigation start to the dashboard with its 24-hour plan drawn, ms, per opening. */
  dashboardOpenMs: number[];
  /** Frame times scrolling the list a screenful a frame: p95 of the best of three passes. */
  scrollP95Ms: number;
  /** Rows in the page while ten thousand are listed (virtualized: a screenful). */
  rowsInPage: number;
}

/** A mix a person might have: hourly, daily, and once a year. */
function documents(count: number): TaskDocumentInput[] {
  const trigger = (index: number) =>
    index % 3 === 0
      ? { type: 'interval' as const, everyMs: 3_600_000 }
      : { type: 'cron' as const, expression: index % 3 === 1 ? '0 3 * * *' : '0 3 1 1 *' };
  return Array.from({ length: count }, (_, index) => ({
    name: `Job ${String(index).padStart(5, '0')}`,
    triggers: [trigger(index)],
    action: { type: 'command' as const, command: `echo job ${index}` },
    tags: [`team-${index % 12}`],
  }));
}

/** Ten thousand tasks: the list opening (<= 500 ms), the dashboard opening, and scrolling. */
export async function runListCase(browser: Browser): Promise<ListResult> {
  const host = await startWindowHost();
  try {
    await host.rpc.api.call('tasks.import', {
      document: {
        format: 'taskdeck',
        version: 1,
        exportedAt: new Date().toISOString(),
        tasks: documents(LIST_TASKS),
      },
      mode: 'merge',
    });
    const page = await newPage(browser);
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();

    const dashboardOpenMs: number[] = [];
    for (let index = 0; index < OPENINGS; index++) {
      dashboardOpenMs.push(
        await reloadUntil(
          page,
          () => {
            const g = globalThis as unknown as PageGlobals;
            const rows = g.document.querySelectorAll('.tl-row').length;
            const planning = g.document.querySelector('.tl-count')?.textContent === 'Planning…';
            return rows > 0 && !planning ? g.performance.now() : false;
          },
          0,
        ),
      );
    }

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Tasks/ })
      .click();
    const listOpenMs: number[] = [];
    for (let index = 0; index < OPENINGS; index++) {
      listOpenMs.push(
        await reloadUntil(
          page,
          (count) => {
            const g = globalThis as unknown as PageGlobals;
            const counter = g.document.querySelector('.screen-title .count');
            const rows = g.document.querySelectorAll(
              '[role="grid"][aria-label="Tasks"] .task-body [role="row"]',
            ).length;
            return counter?.textContent === String(count) && rows > 5 ? g.performance.now() : false;
          },
          LIST_TASKS,
        ),
      );
    }
    const rowsInPage = await page.locator('.task-body [role="row"]').count();

    const p95s: number[] = [];
    for (let pass = 0; pass < SCROLL_PASSES; pass++) {
      const frames = await scrollFrameTimes(page, '[role="grid"][aria-label="Tasks"]', 1_000, 120);
      p95s.push(
        percentile(
          [...frames].sort((a, b) => a - b),
          95,
        ),
      );
    }
    await page.context().close();
    return { listOpenMs, dashboardOpenMs, scrollP95Ms: Math.min(...p95s), rowsInPage };
  } finally {
    await host.stop();
  }
}

/** The figure the target is judged on: the median opening. */
export const typicalOpening = (openings: readonly number[]): number => median(openings);
