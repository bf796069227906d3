import type { Browser, Page } from '@playwright/test';
import type { TaskDocumentInput } from '../../shared/schemas/task.js';
import { median, percentile } from '../stats.js';
import { newPage } from './browser.js';
import { clickToScreen, countEvents, frameTimes } from './probes.js';
import { startWindowHost } from './window-host.js';

/** Tasks firing every second, each firing one event: about this many events a second. */
export const FIRING_TASKS = 1_000;
const MEASURE_MS = 10_000;
const CLICKS = 5;

/** How the window kept up on one screen while the events arrived. */
export interface ScreenFrames {
  screen: string;
  eventsPerSecond: number;
  framesPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  worstMs: number;
  /** Frames that took longer than two display frames (33 ms). */
  slowFrames: number;
}

/** Frame rates per screen, and how fast a click changes screens, under about 1,000 events/s. */
export interface EventsResult {
  screens: ScreenFrames[];
  clickMs: number[];
}

/**
 * A busy scheduler, made cheap for the host so the window is what is measured: one long job
 * holds the only slot and prints a line every 0.1 s (live output and samples), while a thousand
 * tasks fire every second behind it. Each waits in the queue, and each later firing of it is
 * recorded and sent as a `trace` event ("a run is already waiting"), so nothing is spawned and
 * every firing is an event. Starts are staggered over the second, as from many schedules, so
 * events arrive evenly rather than in one burst.
 */
function firingTasks(): TaskDocumentInput[] {
  const base = Date.now() + 3_000;
  return Array.from({ length: FIRING_TASKS }, (_, index) => ({
    name: `Busy ${String(index).padStart(4, '0')}`,
    triggers: [
      {
        type: 'interval' as const,
        everyMs: 1_000,
        startAt: new Date(base + (index % 10) * 100).toISOString(),
      },
    ],
    action: { type: 'command' as const, command: 'true' },
  }));
}

async function measure(page: Page, screen: string, events: { count(): number }) {
  const before = events.count();
  const frames = await frameTimes(page, MEASURE_MS);
  const received = events.count() - before;
  const sorted = [...frames].sort((a, b) => a - b);
  const total = frames.reduce((sum, frame) => sum + frame, 0);
  return {
    screen,
    eventsPerSecond: (received / total) * 1_000,
    framesPerSecond: (frames.length / total) * 1_000,
    p50Ms: median(frames),
    p95Ms: percentile(sorted, 95),
    worstMs: sorted.at(-1) ?? 0,
    slowFrames: frames.filter((frame) => frame > 33.4).length,
  };
}

/**
 * About 1,000 events a second: frame rate on the dashboard, the task list and a task's page, and
 * how fast a click changes screens meanwhile.
 */
export async function runEventsCase(browser: Browser): Promise<EventsResult> {
  const host = await startWindowHost();
  try {
    await host.rpc.api.call('settings.update', { maxRunningTasks: 1 });
    const long = await host.rpc.api.call('tasks.create', {
      name: 'Long job',
      triggers: [{ type: 'event', event: 'manual' }],
      action: { type: 'command', command: 'while :; do echo working; sleep 0.1; done' },
    });
    await host.rpc.api.call('tasks.runNow', { id: long.id });
    await host.rpc.api.call('tasks.import', {
      document: {
        format: 'taskdeck',
        version: 1,
        exportedAt: new Date().toISOString(),
        tasks: firingTasks(),
      },
      mode: 'merge',
    });
    const page = await newPage(browser);
    const events = countEvents(page);
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    // Let every task fire once and settle into the queue before measuring.
    await page.waitForTimeout(6_000);

    const screens: ScreenFrames[] = [await measure(page, 'Dashboard', events)];
    const clickMs: number[] = [];
    for (let index = 0; index < CLICKS; index++) {
      clickMs.push(await clickToScreen(page, 'Tasks'));
      clickMs.push(await clickToScreen(page, 'Dashboard'));
    }
    await clickToScreen(page, 'Tasks');
    screens.push(await measure(page, 'Task list', events));
    await page.getByRole('row').filter({ hasText: 'Busy 0000' }).click();
    await page.getByRole('heading', { name: 'Busy 0000', level: 1 }).waitFor();
    await page.getByRole('tab', { name: /^Trace/ }).click();
    screens.push(await measure(page, 'Task page (trace open)', events));
    await page.context().close();
    return { screens, clickMs };
  } finally {
    await host.stop();
  }
}
