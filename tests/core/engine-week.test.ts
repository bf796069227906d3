import { describe, expect, it } from 'vitest';
import { harness } from './support/harness.js';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

/** Every whole UTC hour in (from, to]. */
function hours(from: string, to: string): number[] {
  const out: number[] = [];
  for (let t = Math.floor(at(from) / H) * H + H; t <= at(to); t += H) out.push(t);
  return out;
}

describe('engine: a simulated week across a DST change and an 8-hour sleep', () => {
  it('runs every expected execution exactly as its policies say', async () => {
    // New York, Thursday 5 March 2026 00:00 EST; DST starts Sunday 8 March; the laptop sleeps
    // on Tuesday 10 March from 01:10 to 09:10 EDT (05:10Z to 13:10Z).
    const h = harness({
      start: '2026-03-05T05:00:00Z',
      zone: 'America/New_York',
      maxRunningTasks: 8,
    });
    const ids = {
      hourly: h.add({ name: 'hourly', triggers: [{ type: 'cron', expression: '0 * * * *' }] }),
      daily: h.add({ name: 'daily 02:30', triggers: [{ type: 'cron', expression: '30 2 * * *' }] }),
      dailySkip: h.add({
        name: 'daily 02:30 skip',
        triggers: [{ type: 'cron', expression: '30 2 * * *' }],
        dst: { gap: 'skip', overlap: 'first' },
        missedRuns: 'skip',
      }),
      sixHours: h.add({
        name: 'every 6 h',
        triggers: [{ type: 'interval', everyMs: 6 * H, startAt: '2026-03-05T00:00:00Z' }],
      }),
      berlin: h.add({
        name: 'weekdays 9 Berlin',
        triggers: [{ type: 'cron', expression: '0 9 * * 1-5', timezone: 'Europe/Berlin' }],
      }),
      once: h.add({ name: 'once', triggers: [{ type: 'once', at: '2026-03-07T12:00:00Z' }] }),
    };
    await h.engine.start();
    await h.runUntil('2026-03-10T05:10:00Z');
    h.clock.jump(8 * H);
    await h.runUntil('2026-03-12T00:30:00Z');

    const runs = (id: string) =>
      h.started
        .filter((e) => e.taskId === id)
        .map((e) => `${e.source} ${new Date(e.scheduledAt).toISOString().slice(0, 16)}`);
    const fmt = (source: string, times: number[]) =>
      times.map((t) => `${source} ${new Date(t).toISOString().slice(0, 16)}`);

    const hourly = hours('2026-03-05T05:00:00Z', '2026-03-12T00:30:00Z');
    expect(runs(ids.hourly)).toEqual([
      ...fmt(
        'cron',
        hourly.filter((t) => t <= at('2026-03-10T05:10:00Z')),
      ),
      ...fmt('catchUp', [at('2026-03-10T13:00:00Z')]),
      ...fmt(
        'cron',
        hourly.filter((t) => t > at('2026-03-10T13:10:00Z')),
      ),
    ]);
    // 02:30 local: EST is 07:30Z; on the 8th the gap shifts it to 03:30 EDT (07:30Z); then 06:30Z.
    expect(runs(ids.daily)).toEqual([
      'cron 2026-03-05T07:30',
      'cron 2026-03-06T07:30',
      'cron 2026-03-07T07:30',
      'cron 2026-03-08T07:30',
      'cron 2026-03-09T06:30',
      'catchUp 2026-03-10T06:30',
      'cron 2026-03-11T06:30',
    ]);
    expect(runs(ids.dailySkip)).toEqual([
      'cron 2026-03-05T07:30',
      'cron 2026-03-06T07:30',
      'cron 2026-03-07T07:30',
      'cron 2026-03-09T06:30',
      'cron 2026-03-11T06:30',
    ]);
    expect(h.engine.traceOf(ids.dailySkip, 50).filter((t) => t.outcome === 'missed')).toHaveLength(
      1,
    );
    const sixHours = [];
    for (let t = at('2026-03-05T06:00:00Z'); t <= at('2026-03-12T00:30:00Z'); t += 6 * H)
      sixHours.push(t);
    expect(runs(ids.sixHours)).toEqual([
      ...fmt(
        'interval',
        sixHours.filter((t) => t <= at('2026-03-10T05:10:00Z')),
      ),
      ...fmt('catchUp', [at('2026-03-10T12:00:00Z')]),
      ...fmt(
        'interval',
        sixHours.filter((t) => t > at('2026-03-10T13:10:00Z')),
      ),
    ]);
    expect(runs(ids.berlin)).toEqual([
      'cron 2026-03-05T08:00',
      'cron 2026-03-06T08:00',
      'cron 2026-03-09T08:00',
      'catchUp 2026-03-10T08:00',
      'cron 2026-03-11T08:00',
    ]);
    expect(runs(ids.once)).toEqual(['once 2026-03-07T12:00']);
    expect(h.engine.stateOf(h.engine.get(ids.once)!)).toBe('completed');
    // Every run ended well; nothing is left waiting.
    expect(h.ended.every((e) => e.status === 'succeeded')).toBe(true);
    expect(h.engine.status()).toMatchObject({ running: 0, queued: 0 });
  });
});
