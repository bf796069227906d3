import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describeMachine } from '../machine.js';
import { median } from '../stats.js';
import { launchChromium } from './browser.js';
import { CHART_POINTS, runChartCase, type ChartResult } from './chart-case.js';
import { FIRING_TASKS, runEventsCase, type EventsResult } from './events-case.js';
import { LIST_TASKS, runListCase, type ListResult } from './list-case.js';

// `node dist/bench/window/run.js [list] [chart] [events]` (after `npm run build && tsc -p
// tsconfig.bench.json`; no names runs all three): the
// window's benchmarks in Debian's Chromium against a real headless host — ten thousand tasks
// opening, a ten-thousand-point chart drawing, and frame rates while about a thousand events a
// second arrive. Prints one Markdown table and writes it to bench/window/results/latest.md (raw
// figures in latest.json). Exits non-zero only when a case crashed; a missed target is
// reported, not fatal (these machines are shared; see the neighbours' CPU in the header).

const LIST_OPEN_TARGET_MS = 500;
const CHART_TARGET_MS = 200;
const FRAME_P95_TARGET_MS = 50;
const CLICK_TARGET_MS = 100;

type Case<T> = { ok: true; value: T } | { ok: false; error: string } | null;

/** The cases to run: those named on the command line (list, chart, events), else all. */
const wanted = new Set(process.argv.slice(2));
const runs = (name: string) => wanted.size === 0 || wanted.has(name);

async function attempt<T>(key: string, name: string, run: () => Promise<T>): Promise<Case<T>> {
  if (!runs(key)) return null;
  process.stdout.write(`${name} … `);
  const started = Date.now();
  try {
    const value = await run();
    process.stdout.write(`done in ${((Date.now() - started) / 1_000).toFixed(1)} s\n`);
    return { ok: true, value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stdout.write(`CRASHED: ${message}\n`);
    return { ok: false, error: message };
  }
}

const ms = (value: number) => `${value >= 100 ? Math.round(value) : value.toFixed(1)} ms`;
const list = (values: readonly number[]) => values.map((value) => Math.round(value)).join(', ');
const met = (ok: boolean) => (ok ? 'yes' : '**NO**');

function rows(
  listCase: Case<ListResult>,
  chartCase: Case<ChartResult>,
  eventsCase: Case<EventsResult>,
): string[] {
  const out: string[] = [];
  const row = (measure: string, result: string, target: string, ok: string) =>
    out.push(`| ${measure} | ${result} | ${target} | ${ok} |`);
  if (listCase === null) {
    // Not asked for.
  } else if (listCase.ok) {
    const { listOpenMs, dashboardOpenMs, scrollP95Ms, rowsInPage } = listCase.value;
    const open = median(listOpenMs);
    row(
      `${LIST_TASKS.toLocaleString('en-US')} tasks: list shown (navigation → rows), median of ${listOpenMs.length}`,
      `${ms(open)} (each: ${list(listOpenMs)})`,
      `≤ ${LIST_OPEN_TARGET_MS} ms`,
      met(open <= LIST_OPEN_TARGET_MS),
    );
    row(
      `${LIST_TASKS.toLocaleString('en-US')} tasks: dashboard with its 24-hour plan, median`,
      `${ms(median(dashboardOpenMs))} (each: ${list(dashboardOpenMs)})`,
      '—',
      '—',
    );
    row(
      `${LIST_TASKS.toLocaleString('en-US')} tasks: scrolling a screenful a frame, p95 frame (best of 3)`,
      `${ms(scrollP95Ms)}; ${rowsInPage} rows in the page`,
      `≤ ${FRAME_P95_TARGET_MS} ms`,
      met(scrollP95Ms <= FRAME_P95_TARGET_MS),
    );
  } else row('10,000 tasks', `crashed: ${listCase.error}`, '', '**NO**');
  if (chartCase === null) {
    // Not asked for.
  } else if (chartCase.ok) {
    const worst = Math.max(...chartCase.value.drawMs);
    row(
      `Duration chart, ${CHART_POINTS.toLocaleString('en-US')} points: draw (full rebuilds), median / worst`,
      `${ms(median(chartCase.value.drawMs))} / ${ms(worst)} (each: ${list(chartCase.value.drawMs)})`,
      `≤ ${CHART_TARGET_MS} ms`,
      met(worst <= CHART_TARGET_MS),
    );
  } else row('10,000-point chart', `crashed: ${chartCase.error}`, '', '**NO**');
  if (eventsCase === null) {
    // Not asked for.
  } else if (eventsCase.ok) {
    for (const screen of eventsCase.value.screens) {
      row(
        `${Math.round(screen.eventsPerSecond).toLocaleString('en-US')} events/s arriving — ${screen.screen}: frame rate, p50 / p95 / worst frame, frames > 33 ms`,
        `${screen.framesPerSecond.toFixed(0)} fps; ${ms(screen.p50Ms)} / ${ms(screen.p95Ms)} / ${ms(screen.worstMs)}; ${screen.slowFrames}`,
        `p95 ≤ ${FRAME_P95_TARGET_MS} ms`,
        met(screen.p95Ms <= FRAME_P95_TARGET_MS),
      );
    }
    const click = median(eventsCase.value.clickMs);
    row(
      'Meanwhile, a click to another screen until it is drawn, median / worst',
      `${ms(click)} / ${ms(Math.max(...eventsCase.value.clickMs))}`,
      `median ≤ ${CLICK_TARGET_MS} ms`,
      met(click <= CLICK_TARGET_MS),
    );
  } else row('1,000 events/s', `crashed: ${eventsCase.error}`, '', '**NO**');
  return out;
}

const loadBefore = loadavg()[0] ?? 0;
const started = Date.now();
const browser = await launchChromium();
try {
  const listCase = await attempt('list', `${LIST_TASKS} tasks`, () => runListCase(browser));
  const chartCase = await attempt('chart', `${CHART_POINTS}-point chart`, () =>
    runChartCase(browser),
  );
  const eventsCase = await attempt('events', `${FIRING_TASKS} tasks firing every second`, () =>
    runEventsCase(browser),
  );
  process.exitCode = [listCase, chartCase, eventsCase].some((done) => done?.ok === false) ? 1 : 0;
  const loadAfter = loadavg()[0] ?? 0;
  const seconds = (Date.now() - started) / 1_000;
  const markdown = [
    '## Window (Chromium against a real headless host)',
    '',
    // The window, the host and their commands share the machine: a busy one slows all three.
    `${describeMachine(new Date())}; Chromium ${browser.version()}. Load average (1 min) ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after the ${seconds.toFixed(0)} s run, on ${cpus().length} cores.`,
    '',
    '| Measure | Result | Target | Met |',
    '|---|---|---|---|',
    ...rows(listCase, chartCase, eventsCase),
  ].join('\n');
  const results = new URL('../../../bench/window/results/', import.meta.url);
  mkdirSync(fileURLToPath(results), { recursive: true });
  writeFileSync(fileURLToPath(new URL('latest.md', results)), `${markdown}\n`);
  writeFileSync(
    fileURLToPath(new URL('latest.json', results)),
    `${JSON.stringify({ listCase, chartCase, eventsCase, loadBefore, loadAfter }, null, 2)}\n`,
  );
  process.stdout.write(
    `\n${markdown}\n\nWritten to ${fileURLToPath(new URL('latest.md', results))}\n`,
  );
} finally {
  await browser.close();
}
