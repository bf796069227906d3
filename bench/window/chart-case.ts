import { randomUUID } from 'node:crypto';
import type { Browser } from '@playwright/test';
import { JsonlHistoryStore } from '../../electron/adapters/history/jsonl-history-store.js';
import type { ExecutionRecord } from '../../electron/core/execution-record.js';
import { newPage } from './browser.js';
import type { PageGlobals } from './page-globals.js';
import { startWindowHost } from './window-host.js';

/** Runs the duration chart draws. */
export const CHART_POINTS = 10_000;
/** Full rebuilds measured (each light/dark switch rebuilds the chart with every point). */
const REBUILDS = 4;

/** Draw times (ms) of the duration chart holding every run, as the window measures them. */
export interface ChartResult {
  drawMs: number[];
}

/** Writes `count` ended runs of a task a minute apart with Taskdeck's own history store. */
async function seedRuns(dataDir: string, task: { id: string; name: string }, count: number) {
  const store = new JsonlHistoryStore({ dir: dataDir });
  await store.open();
  const end = Date.now();
  for (let index = 0; index < count; index++) {
    const startedAt = end - (count - index) * 60_000;
    const durationMs = 800 + ((index * 7_919) % 2_400);
    const failed = index % 7 === 0;
    const id = randomUUID();
    const record: ExecutionRecord = {
      id,
      taskId: task.id,
      taskName: task.name,
      attempt: 1,
      firstExecutionId: id,
      source: 'interval',
      detail: 'every 1 min',
      status: 'running',
      scheduledAt: startedAt,
      queuedAt: startedAt,
      startedAt,
      endedAt: null,
      exitCode: null,
      signal: null,
      error: null,
      outputBytes: 0,
      result: null,
      resources: { cpuTimeMs: null, cpuAvgPercent: null, cpuPeakPercent: null, rssPeakBytes: null },
      pid: null,
      pgid: null,
      startToken: null,
      output: [],
      samples: [],
    };
    store.recordStart(record);
    store.recordEnd({
      ...record,
      status: failed ? 'failed' : 'succeeded',
      endedAt: startedAt + durationMs,
      exitCode: failed ? 1 : 0,
      resources: {
        cpuTimeMs: durationMs / 4,
        cpuAvgPercent: 20 + (index % 30),
        cpuPeakPercent: 40 + (index % 55),
        rssPeakBytes: (8 + (index % 24)) * 1_048_576,
      },
    });
  }
  await store.close();
}

/** A task with 10,000 runs: how long the duration chart takes to draw all of them (<= 200 ms). */
export async function runChartCase(browser: Browser): Promise<ChartResult> {
  const first = await startWindowHost();
  const task = await first.rpc.api.call('tasks.create', {
    name: 'Every minute',
    triggers: [{ type: 'cron', expression: '0 3 1 1 *' }],
    action: { type: 'command', command: 'true' },
    // Above the default 500, or housekeeping trims the seeded history at start.
    keepHistory: 20_000,
  });
  await first.stop({ keepDataDir: true });
  await seedRuns(first.dataDir, task, CHART_POINTS);
  const host = await startWindowHost(first.dataDir);
  try {
    const page = await newPage(browser);
    await page.goto(`${host.url}#/tasks/${task.id}`);
    await page
      .getByRole('img', { name: `Durations of ${CHART_POINTS} runs over time, coloured by status` })
      .waitFor({ timeout: 60_000 });
    const drawsSoFar = async (wanted: number) => {
      const handle = await page.waitForFunction(
        ({ points, count }) => {
          const g = globalThis as unknown as PageGlobals;
          const draws = g.performance
            .getEntriesByName('taskdeck:chart-draw')
            .filter((entry) => {
              const detail = entry.detail as { points?: number; label?: string } | undefined;
              return detail?.points === points && detail.label?.startsWith('Durations') === true;
            })
            .map((entry) => entry.duration);
          return draws.length >= count ? draws : false;
        },
        { points: CHART_POINTS, count: wanted },
        { timeout: 30_000 },
      );
      return (await handle.jsonValue()) as number[];
    };
    // The draw with every run loaded, then one full rebuild per switch of light and dark.
    await drawsSoFar(1);
    for (let index = 0; index < REBUILDS; index++) {
      await page.emulateMedia({ colorScheme: index % 2 === 0 ? 'dark' : 'light' });
      await drawsSoFar(index + 2);
    }
    const drawMs = await drawsSoFar(REBUILDS + 1);
    await page.context().close();
    return { drawMs };
  } finally {
    await host.stop();
  }
}
