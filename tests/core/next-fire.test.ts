import { describe, expect, it } from 'vitest';
import { nextFire, type TimeTrigger } from '../../electron/core/next-fire.js';
import type { DstPolicy } from '../../shared/schemas/task.js';

const ms = (iso: string) => Date.parse(iso);
const iso = (value: number | null) => (value === null ? null : new Date(value).toISOString());
const cron = (expression: string, timezone?: string): TimeTrigger =>
  timezone === undefined ? { type: 'cron', expression } : { type: 'cron', expression, timezone };

/** The next `count` fires after `from`, each computed from the previous scheduled time. */
function series(trigger: TimeTrigger, from: string, count: number, dst?: DstPolicy, zone = 'UTC') {
  const out: (string | null)[] = [];
  let after = ms(from);
  for (let i = 0; i < count; i++) {
    const next = nextFire(trigger, after, zone, dst);
    out.push(iso(next));
    if (next === null) break;
    after = next;
  }
  return out;
}

describe('nextFire: interval', () => {
  const every = (everyMs: number, start: string): TimeTrigger => ({
    type: 'interval',
    everyMs,
    startMs: ms(start),
    jitterMs: 0,
  });

  it('counts from its start, so late computation never drifts', () => {
    const trigger = every(1_000, '2026-01-01T00:00:00.250Z');
    // Computed from a moment 700 ms late, the next fire is still on the start's grid.
    expect(iso(nextFire(trigger, ms('2026-01-01T00:00:05.950Z'), 'UTC'))).toBe(
      '2026-01-01T00:00:06.250Z',
    );
    expect(series(trigger, '2026-01-01T00:00:00Z', 3)).toEqual([
      '2026-01-01T00:00:00.250Z',
      '2026-01-01T00:00:01.250Z',
      '2026-01-01T00:00:02.250Z',
    ]);
  });

  it('is strictly after the reference time', () => {
    const trigger = every(60_000, '2026-01-01T00:00:00Z');
    expect(iso(nextFire(trigger, ms('2026-01-01T00:01:00Z'), 'UTC'))).toBe(
      '2026-01-01T00:02:00.000Z',
    );
  });

  it('waits for a start in the future', () => {
    const trigger = every(3_600_000, '2026-06-01T12:00:00Z');
    expect(iso(nextFire(trigger, ms('2026-01-01T00:00:00Z'), 'UTC'))).toBe(
      '2026-06-01T12:00:00.000Z',
    );
  });

  it('a daily interval is 24 real hours, also across a DST change', () => {
    const trigger = every(86_400_000, '2026-03-07T12:00:00Z');
    expect(series(trigger, '2026-03-07T12:00:00Z', 2)).toEqual([
      '2026-03-08T12:00:00.000Z',
      '2026-03-09T12:00:00.000Z',
    ]);
  });
});

describe('nextFire: once', () => {
  const once: TimeTrigger = {
    type: 'once',
    at: '2026-05-01T08:00:00.000Z',
    atMs: ms('2026-05-01T08:00:00Z'),
  };
  it('fires once, then never', () => {
    expect(series(once, '2026-01-01T00:00:00Z', 3)).toEqual(['2026-05-01T08:00:00.000Z', null]);
  });
});

describe('nextFire: cron', () => {
  it.each([
    [
      'weekdays at 9 in Berlin, over a weekend',
      '0 9 * * 1-5',
      'Europe/Berlin',
      '2026-01-30T12:00:00Z',
      ['2026-02-02T08:00:00.000Z', '2026-02-03T08:00:00.000Z'],
    ],
    [
      'the 31st skips short months',
      '0 0 31 * *',
      'UTC',
      '2026-01-31T00:00:00Z',
      ['2026-03-31T00:00:00.000Z', '2026-05-31T00:00:00.000Z'],
    ],
    [
      '29 February waits for a leap year',
      '0 12 29 2 *',
      'UTC',
      '2026-03-01T00:00:00Z',
      ['2028-02-29T12:00:00.000Z', '2032-02-29T12:00:00.000Z'],
    ],
    [
      'last day of the month (L)',
      '0 0 L * *',
      'UTC',
      '2028-01-31T00:00:00Z',
      ['2028-02-29T00:00:00.000Z', '2028-03-31T00:00:00.000Z'],
    ],
    [
      'month end rolls into the new year',
      '59 23 31 12 *',
      'UTC',
      '2026-12-31T23:59:00Z',
      ['2027-12-31T23:59:00.000Z'],
    ],
    [
      'six fields: every 20 seconds',
      '*/20 * * * * *',
      'UTC',
      '2026-01-01T00:00:05Z',
      ['2026-01-01T00:00:20.000Z', '2026-01-01T00:00:40.000Z', '2026-01-01T00:01:00.000Z'],
    ],
    [
      'India (+05:30, no DST)',
      '0 9 * * *',
      'Asia/Kolkata',
      '2026-01-01T00:00:00Z',
      ['2026-01-01T03:30:00.000Z', '2026-01-02T03:30:00.000Z'],
    ],
    [
      'New York in winter and summer',
      '0 12 1 * *',
      'America/New_York',
      '2026-02-15T00:00:00Z',
      ['2026-03-01T17:00:00.000Z', '2026-04-01T16:00:00.000Z'],
    ],
    [
      'Sydney (southern hemisphere) across April',
      '0 8 * * *',
      'Australia/Sydney',
      '2026-04-03T00:00:00Z',
      ['2026-04-03T21:00:00.000Z', '2026-04-04T22:00:00.000Z'],
    ],
    ['the @daily alias', '@daily', 'UTC', '2026-01-01T10:00:00Z', ['2026-01-02T00:00:00.000Z']],
  ])('%s', (_name, expression, zone, from, expected) => {
    expect(series(cron(expression, zone), from, expected.length)).toEqual(expected);
  });

  it('uses the system zone when the trigger has none', () => {
    expect(iso(nextFire(cron('0 9 * * *'), ms('2025-12-31T12:00:00Z'), 'Asia/Tokyo'))).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(
      iso(nextFire(cron('0 9 * * *'), ms('2026-01-01T00:00:00Z'), 'America/Los_Angeles')),
    ).toBe('2026-01-01T17:00:00.000Z');
  });
});

describe('nextFire: daylight saving (DESIGN.md policy)', () => {
  it.each([
    // spring forward: 02:30 does not exist; it runs once, shifted by the gap
    [
      'New York gap, shift (default)',
      '30 2 * * *',
      'America/New_York',
      '2026-03-07T12:00:00Z',
      undefined,
      ['2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z'],
    ],
    [
      'New York gap, skip',
      '30 2 * * *',
      'America/New_York',
      '2026-03-07T12:00:00Z',
      { gap: 'skip', overlap: 'first' },
      ['2026-03-09T06:30:00.000Z'],
    ],
    [
      'Berlin gap, shift',
      '30 2 * * *',
      'Europe/Berlin',
      '2026-03-28T12:00:00Z',
      undefined,
      ['2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z'],
    ],
    [
      'Sydney gap (October), shift',
      '30 2 * * *',
      'Australia/Sydney',
      '2026-10-03T00:00:00Z',
      undefined,
      ['2026-10-03T16:30:00.000Z', '2026-10-04T15:30:00.000Z'],
    ],
    [
      'Lord Howe 30-minute gap, shift by 30 minutes',
      '15 2 * * *',
      'Australia/Lord_Howe',
      '2026-10-03T00:00:00Z',
      undefined,
      ['2026-10-03T15:45:00.000Z', '2026-10-04T15:15:00.000Z'],
    ],
    // fall back: 01:30 happens twice; it runs once, at the first
    [
      'New York overlap, first (default)',
      '30 1 * * *',
      'America/New_York',
      '2026-10-31T12:00:00Z',
      undefined,
      ['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z'],
    ],
    [
      'New York overlap, both',
      '30 1 * * *',
      'America/New_York',
      '2026-10-31T12:00:00Z',
      { gap: 'shift', overlap: 'both' },
      ['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z', '2026-11-02T06:30:00.000Z'],
    ],
    [
      'Berlin overlap, first',
      '30 2 * * *',
      'Europe/Berlin',
      '2026-10-24T12:00:00Z',
      undefined,
      ['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z'],
    ],
    [
      'Sydney overlap (April), first',
      '30 2 * * *',
      'Australia/Sydney',
      '2026-04-04T00:00:00Z',
      undefined,
      ['2026-04-04T15:30:00.000Z', '2026-04-05T16:30:00.000Z'],
    ],
    // hourly or more often: real elapsed time on both changes
    [
      'hourly across the New York fall-back runs every real hour',
      '0 * * * *',
      'America/New_York',
      '2026-11-01T04:30:00Z',
      undefined,
      ['2026-11-01T05:00:00.000Z', '2026-11-01T06:00:00.000Z', '2026-11-01T07:00:00.000Z'],
    ],
    [
      'hourly across the New York spring-forward runs every real hour',
      '0 * * * *',
      'America/New_York',
      '2026-03-08T05:30:00Z',
      undefined,
      ['2026-03-08T06:00:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-08T08:00:00.000Z'],
    ],
    [
      'every 15 minutes across the gap stays 15 real minutes apart',
      '*/15 * * * *',
      'America/New_York',
      '2026-03-08T06:40:00Z',
      undefined,
      ['2026-03-08T06:45:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-08T07:15:00.000Z'],
    ],
    [
      'hourly with overlap "first" chosen skips the repeated hour',
      '0 * * * *',
      'America/New_York',
      '2026-11-01T04:30:00Z',
      { gap: 'shift', overlap: 'first' },
      ['2026-11-01T05:00:00.000Z', '2026-11-01T07:00:00.000Z'],
    ],
  ] as const)('%s', (_name, expression, zone, from, dst, expected) => {
    expect(series(cron(expression, zone), from, expected.length, dst)).toEqual(expected);
  });

  it('a preview starting inside the repeated hour still sees the second pass', () => {
    // 05:45Z is 01:45 EDT; 01:30 EST (06:30Z) is still ahead and is the next fire with "both".
    const next = nextFire(
      cron('30 1 * * *', 'America/New_York'),
      ms('2026-11-01T05:45:00Z'),
      'UTC',
      { gap: 'shift', overlap: 'both' },
    );
    expect(iso(next)).toBe('2026-11-01T06:30:00.000Z');
  });

  it('a preview starting just after a gap still sees the shifted time', () => {
    // 07:10Z is 03:10 EDT; 02:30 shifted to 03:30 EDT (07:30Z) is still ahead.
    expect(
      iso(nextFire(cron('30 2 * * *', 'America/New_York'), ms('2026-03-08T07:10:00Z'), 'UTC')),
    ).toBe('2026-03-08T07:30:00.000Z');
  });
});
