import { describe, expect, it } from 'vitest';
import {
  createDueTasksMemo,
  hourTicks,
  PREVIEW_COUNT,
  PREVIEW_FRESH_MS,
  previewCovers,
  previewKey,
  previewRequests,
  taskFires,
  tasksDueWithin,
  TIMELINE_SPAN_MS,
} from '../../renderer/dashboard/timeline-plan.js';
import type { FirePreview } from '../../renderer/store/app-state.js';
import { byId, taskView } from './support/task-view.js';

const NOW = Date.parse('2026-03-03T10:00:00.000Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const cron = (expression: string) => ({ type: 'cron' as const, expression, timezone: 'UTC' });

describe('which tasks the timeline shows', () => {
  it('lists enabled, unfinished tasks due within 24 hours, soonest first, and nothing else', () => {
    const soon = taskView({ name: 'Soon', nextRunAt: iso(NOW + HOUR) });
    const sooner = taskView({ name: 'Sooner', nextRunAt: iso(NOW + 60_000) });
    const tomorrow = taskView({ name: 'Too late', nextRunAt: iso(NOW + TIMELINE_SPAN_MS + 1) });
    // The window keeps its end: 24 hours from the start of the minute is within it.
    const edge = taskView({ name: 'Edge', nextRunAt: iso(NOW + TIMELINE_SPAN_MS) });
    const paused = taskView({ name: 'Paused', enabled: false, nextRunAt: iso(NOW + HOUR) });
    const done = taskView({ name: 'Done', state: 'completed', nextRunAt: iso(NOW + HOUR) });
    const never = taskView({ name: 'Event only', nextRunAt: null });
    const due = tasksDueWithin([soon, tomorrow, paused, done, never, edge, sooner], NOW);
    expect(due.map((task) => task.name)).toEqual(['Sooner', 'Soon', 'Edge']);
  });

  it('answers with the same list while the tasks and the minute stay the same', () => {
    const memo = createDueTasksMemo();
    const tasks = byId([taskView({ nextRunAt: iso(NOW + HOUR) })]);
    const first = memo(tasks, NOW);
    expect(memo(tasks, NOW)).toBe(first);
    expect(memo({ ...tasks }, NOW)).not.toBe(first);
    expect(memo(tasks, NOW + 60_000)).not.toBe(first);
  });
});

describe('asking for planned fires', () => {
  it('asks once per distinct trigger and policy, however many tasks share it', () => {
    const shared = cron('0 * * * *');
    const tasks = [
      taskView({ triggers: [shared] }),
      taskView({ triggers: [shared, { type: 'event', event: 'system.resume' }] }),
      taskView({ triggers: [shared], dst: { gap: 'skip', overlap: 'first' } }),
    ];
    const requests = previewRequests(tasks);
    expect(requests).toHaveLength(2);
    expect(requests.map((request) => request.dst)).toEqual([
      undefined,
      { gap: 'skip', overlap: 'first' },
    ]);
    expect(new Set(requests.map((request) => request.key)).size).toBe(2);
  });

  it('reuses an answer while it is fresh and reaches past the window, and asks again after', () => {
    const complete: FirePreview = { from: NOW, fires: [NOW + HOUR], more: false };
    expect(previewCovers(undefined, NOW)).toBe(false);
    expect(previewCovers(complete, NOW + 60_000)).toBe(true);
    expect(previewCovers(complete, NOW + PREVIEW_FRESH_MS + 1)).toBe(false);
    expect(previewCovers(complete, NOW - 1)).toBe(false);
    // Cut short by the count limit: good only while its last fire is beyond the window's end.
    const dense: FirePreview = { from: NOW, fires: [NOW + 60_000, NOW + 2 * HOUR], more: true };
    expect(previewCovers(dense, NOW)).toBe(false);
    const reaching: FirePreview = { from: NOW, fires: [NOW + 25 * HOUR], more: true };
    expect(previewCovers(reaching, NOW)).toBe(true);
  });
});

describe("a task's fires on the timeline", () => {
  it('merges its triggers, drops fires outside the window, and says which are still unknown', () => {
    const hourly = cron('0 * * * *');
    const daily = cron('30 12 * * *');
    const task = taskView({ triggers: [hourly, daily] });
    const end = NOW + TIMELINE_SPAN_MS;
    const previews: Record<string, FirePreview> = {
      [previewKey(hourly, undefined)]: {
        from: NOW,
        fires: [NOW - HOUR, NOW, NOW + HOUR, NOW + 2 * HOUR, end, end + HOUR],
        more: false,
      },
    };
    expect(taskFires(task, previews, NOW, end)).toEqual({
      fires: [NOW + HOUR, NOW + 2 * HOUR, end],
      denseFrom: null,
      loading: true,
    });
    previews[previewKey(daily, undefined)] = {
      from: NOW,
      fires: [NOW + 2 * HOUR, NOW + 2.5 * HOUR],
      more: false,
    };
    expect(taskFires(task, previews, NOW, end)).toEqual({
      fires: [NOW + HOUR, NOW + 2 * HOUR, NOW + 2.5 * HOUR, end],
      denseFrom: null,
      loading: false,
    });
  });

  it('marks where a trigger firing more often than the count limit stops being drawn', () => {
    const everyMinute = cron('* * * * *');
    const task = taskView({ triggers: [everyMinute] });
    const fires = Array.from({ length: PREVIEW_COUNT }, (_, index) => NOW + (index + 1) * 60_000);
    const plan = taskFires(
      task,
      { [previewKey(everyMinute, undefined)]: { from: NOW, fires, more: true } },
      NOW,
      NOW + TIMELINE_SPAN_MS,
    );
    expect(plan.fires).toHaveLength(PREVIEW_COUNT);
    expect(plan.denseFrom).toBe(fires.at(-1));
  });
});

describe('the axis', () => {
  it('marks whole hours of the local clock every few hours, after the start', () => {
    const start = NOW + 20 * 60_000;
    const ticks = hourTicks(start, start + TIMELINE_SPAN_MS, 3);
    expect(ticks).toHaveLength(8);
    for (const tick of ticks) {
      expect(tick).toBeGreaterThan(start);
      expect(new Date(tick).getMinutes()).toBe(0);
      expect(new Date(tick).getHours() % 3).toBe(0);
    }
    expect(ticks[1]! - ticks[0]!).toBe(3 * HOUR);
  });
});
