import { CronExpressionParser } from 'cron-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRON_ALIASES } from '../../shared/cron-expression.js';
import { taskDocumentSchema } from '../../shared/schemas/task.js';
import {
  EVENT_NAMES,
  MAX_INTERVAL_MS,
  triggerSchema,
  type EventName,
  type Trigger,
} from '../../shared/schemas/trigger.js';
import { parseOrThrow } from '../../shared/validation.js';
import { issuePathsOf, issuesOf } from './issues-of.js';

const parse = (input: unknown): Trigger => parseOrThrow(triggerSchema, input);
const TASK_ID = '6f1c2a9e-3b4d-4c5e-8f60-718293a4b5c6';

describe('interval trigger', () => {
  it('has the bounds of API.md: everyMs 1,000..31,536,000,000', () => {
    expect(MAX_INTERVAL_MS).toBe(31_536_000_000);
  });

  it.each([1_000, 60_000, 31_536_000_000])('accepts everyMs %d', (everyMs) => {
    expect(parse({ type: 'interval', everyMs })).toEqual({ type: 'interval', everyMs });
  });

  it.each([999, 31_536_000_001, 0, -1_000, 1_000.5, '1000', null])(
    'rejects everyMs %j at everyMs',
    (everyMs) => {
      expect(issuePathsOf(triggerSchema, { type: 'interval', everyMs })).toEqual([['everyMs']]);
    },
  );

  it('requires everyMs', () => {
    expect(issuePathsOf(triggerSchema, { type: 'interval' })).toEqual([['everyMs']]);
  });

  it.each([
    [60_000, 0],
    [60_000, 1],
    [60_000, 60_000],
    [MAX_INTERVAL_MS, MAX_INTERVAL_MS],
  ])('with everyMs %d accepts jitterMs %d', (everyMs, jitterMs) => {
    expect(parse({ type: 'interval', everyMs, jitterMs })).toEqual({
      type: 'interval',
      everyMs,
      jitterMs,
    });
  });

  it.each([-1, 0.5])('rejects jitterMs %d', (jitterMs) => {
    expect(issuePathsOf(triggerSchema, { type: 'interval', everyMs: 60_000, jitterMs })).toEqual([
      ['jitterMs'],
    ]);
  });

  it('rejects jitterMs one above everyMs, at jitterMs, saying the limit', () => {
    expect(
      issuesOf(triggerSchema, { type: 'interval', everyMs: 60_000, jitterMs: 60_001 }),
    ).toEqual([{ path: ['jitterMs'], message: 'Must be at most everyMs (60000)' }]);
  });

  it('any jitterMs above everyMs is rejected at jitterMs (fast-check)', () => {
    const pair = fc
      .integer({ min: 1_000, max: MAX_INTERVAL_MS - 1 })
      .chain((everyMs) =>
        fc.tuple(fc.constant(everyMs), fc.integer({ min: everyMs + 1, max: MAX_INTERVAL_MS })),
      );
    fc.assert(
      fc.property(pair, ([everyMs, jitterMs]) => {
        expect(issuePathsOf(triggerSchema, { type: 'interval', everyMs, jitterMs })).toEqual([
          ['jitterMs'],
        ]);
      }),
    );
  });

  it('names the trigger inside a task document: triggers.N.jitterMs', () => {
    const doc = {
      name: 'n',
      triggers: [
        { type: 'interval', everyMs: 1_000 },
        { type: 'interval', everyMs: 1_000, jitterMs: 1_001 },
      ],
      action: { type: 'command', command: 'true' },
    };
    expect(issuePathsOf(taskDocumentSchema, doc)).toEqual([['triggers', 1, 'jitterMs']]);
  });

  it.each([
    ['2026-03-01T10:00:00Z', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T10:00:00+02:00', '2026-03-01T08:00:00.000Z'],
    ['2026-03-01T10:00:00.5-05:30', '2026-03-01T15:30:00.500Z'],
    ['2026-12-31T23:30:00-01:00', '2027-01-01T00:30:00.000Z'],
  ])('normalises startAt %s to UTC %s', (startAt, utc) => {
    expect(parse({ type: 'interval', everyMs: 1_000, startAt })).toEqual({
      type: 'interval',
      everyMs: 1_000,
      startAt: utc,
    });
  });

  it.each(['2026-03-01', '2026-03-01T10:00:00', 'next monday', 1_767_225_600_000])(
    'rejects startAt %j at startAt',
    (startAt) => {
      expect(issuePathsOf(triggerSchema, { type: 'interval', everyMs: 1_000, startAt })).toEqual([
        ['startAt'],
      ]);
    },
  );
});

describe('cron trigger', () => {
  it.each(['0 9 * * 1-5', '*/15 9-17 * * *', '0 0 29 2 *', '0 0 * * 7', '  30 2 * * *  '])(
    'accepts 5 fields: %j',
    (expression) => {
      expect(parse({ type: 'cron', expression })).toEqual({
        type: 'cron',
        expression: expression.trim(),
      });
    },
  );

  it.each(['*/20 * * * * *', '0 0 9 * * 1-5', '59 59 23 31 12 *'])(
    'accepts 6 fields, seconds first: %j',
    (expression) => {
      expect(parse({ type: 'cron', expression })).toEqual({ type: 'cron', expression });
    },
  );

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['* * *', /needs 5 fields.*got 3/],
    ['* * * *', /needs 5 fields.*got 4/],
    ['* * * * * * *', /needs 5 fields.*got 7/],
    ['61 * * * *', /61/],
    ['* 24 * * *', /24/],
    ['0 0 31 2 *', /day of month/],
    ['0 0 30 2 *', /day of month/],
    ['0 0 * 13 *', /13/],
    ['foo bar baz qux quux', /foo/],
    ['* * * * mon-frii', /Invalid/],
  ])('rejects %j at expression with a message', (expression, message) => {
    const issues = issuesOf(triggerSchema, { type: 'cron', expression });
    expect(issues.map((issue) => issue.path)).toEqual([['expression']]);
    expect(issues[0]?.message).toMatch(message);
  });

  it('rejects an expression that is not a string', () => {
    expect(issuePathsOf(triggerSchema, { type: 'cron', expression: 5 })).toEqual([['expression']]);
  });

  it('any minute from 0 to 59 is a valid 5-field expression; 60 and above are not (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 59 }), (minute) => {
        expect(parse({ type: 'cron', expression: `${minute} * * * *` })).toBeTruthy();
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 60, max: 10_000 }), (minute) => {
        expect(
          issuePathsOf(triggerSchema, { type: 'cron', expression: `${minute} * * * *` }),
        ).toEqual([['expression']]);
      }),
    );
  });

  it('offers the crontab aliases', () => {
    expect(CRON_ALIASES).toEqual([
      '@yearly',
      '@annually',
      '@monthly',
      '@weekly',
      '@daily',
      '@hourly',
    ]);
  });

  it.each(CRON_ALIASES)('accepts the alias %s, which the engine’s cron-parser can run', (alias) => {
    expect(parse({ type: 'cron', expression: alias })).toEqual({ type: 'cron', expression: alias });
    const next = CronExpressionParser.parse(alias, {
      tz: 'UTC',
      currentDate: new Date('2026-01-01T00:00:30Z'),
    }).next();
    expect(next.getTime()).toBeGreaterThan(Date.parse('2026-01-01T00:00:30Z'));
  });

  it.each(['@fortnightly', '@reboot', '@', '@DAILY', '@Daily'])(
    'rejects the alias %s, naming the known ones',
    (expression) => {
      const issues = issuesOf(triggerSchema, { type: 'cron', expression });
      expect(issues.map((issue) => issue.path)).toEqual([['expression']]);
      expect(issues[0]?.message).toMatch(/Unknown cron alias.*@daily/);
    },
  );

  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['America/New_York', 'America/New_York'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['europe/berlin', 'Europe/Berlin'],
    ['america/new_york', 'America/New_York'],
  ])('accepts the time zone %s as %s', (timezone, canonical) => {
    expect(parse({ type: 'cron', expression: '0 9 * * *', timezone })).toEqual({
      type: 'cron',
      expression: '0 9 * * *',
      timezone: canonical,
    });
  });

  // Offsets are refused on every runtime, although Node 24's Intl accepts them and Node 20's does not.
  it.each(['Mars/Base', '', ' UTC', 'Europe/Berlin ', '+01:00', '-0530', '+01', 'CEST'])(
    'rejects the time zone %j at timezone',
    (timezone) => {
      const issues = issuesOf(triggerSchema, { type: 'cron', expression: '0 9 * * *', timezone });
      expect(issues.map((issue) => issue.path)).toEqual([['timezone']]);
      expect(issues[0]?.message).toContain('IANA');
    },
  );

  it('says which zone is unknown', () => {
    const [issue] = issuesOf(triggerSchema, {
      type: 'cron',
      expression: '0 9 * * *',
      timezone: 'Mars/Base',
    });
    expect(issue?.message).toContain('"Mars/Base"');
  });
});

describe('once trigger', () => {
  it.each([
    ['2026-07-01T09:00:00Z', '2026-07-01T09:00:00.000Z'],
    ['2026-07-01T09:00:00+09:00', '2026-07-01T00:00:00.000Z'],
    ['2028-02-29T12:00:00.250Z', '2028-02-29T12:00:00.250Z'],
  ])('accepts at %s, normalised to %s', (at, utc) => {
    expect(parse({ type: 'once', at })).toEqual({ type: 'once', at: utc });
  });

  it.each([
    '2026-13-01T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T00:60:00Z',
    '2026-01-01',
    '2026-01-01T00:00:00',
    'tomorrow',
    '',
    1_767_225_600_000,
  ])('rejects at %j at at', (at) => {
    expect(issuePathsOf(triggerSchema, { type: 'once', at })).toEqual([['at']]);
  });

  it('requires at', () => {
    expect(issuePathsOf(triggerSchema, { type: 'once' })).toEqual([['at']]);
  });

  it.each(['0000-01-01T00:30:00+01:00', '9999-12-31T23:30:00-01:00'])(
    'rejects %s, whose UTC form has no four-digit year',
    (at) => {
      expect(issuePathsOf(triggerSchema, { type: 'once', at })).toEqual([['at']]);
    },
  );

  it('normalises any instant with any offset to the same instant in UTC, which parses to itself (fast-check)', () => {
    const instant = fc.date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9998-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    const offsetMinutes = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });
    fc.assert(
      fc.property(instant, offsetMinutes, (date, offset) => {
        const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, -1);
        const sign = offset < 0 ? '-' : '+';
        const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
        const mm = String(Math.abs(offset) % 60).padStart(2, '0');
        const at = `${local}${sign}${hh}:${mm}`;
        const once = parse({ type: 'once', at });
        expect(once).toEqual({ type: 'once', at: date.toISOString() });
        expect(parse(once)).toEqual(once);
      }),
    );
  });
});

describe('event trigger', () => {
  it('knows exactly the events of API.md', () => {
    expect(EVENT_NAMES).toEqual([
      'manual',
      'app.start',
      'system.resume',
      'system.suspend',
      'system.lock',
      'system.unlock',
      'system.idle',
      'power.ac',
      'power.battery',
      'file.changed',
      'task.succeeded',
      'task.failed',
      'task.finished',
    ]);
  });

  /** The one extra field each event needs, if any (API.md). */
  const needs = (event: EventName): 'taskId' | 'path' | 'idleForMs' | null =>
    event.startsWith('task.')
      ? 'taskId'
      : event === 'file.changed'
        ? 'path'
        : event === 'system.idle'
          ? 'idleForMs'
          : null;
  const extraValue = { taskId: TASK_ID, path: '/home/me/notes', idleForMs: 300_000 } as const;
  const valid = (event: EventName) => {
    const field = needs(event);
    return field === null
      ? { type: 'event', event }
      : { type: 'event', event, [field]: extraValue[field] };
  };

  it.each(EVENT_NAMES)('accepts %s with exactly the fields it needs', (event) => {
    expect(parse(valid(event))).toEqual(valid(event));
  });

  const combos = EVENT_NAMES.flatMap((event) =>
    (['taskId', 'path', 'idleForMs'] as const).map((field) => [event, field] as const),
  );

  it.each(combos)('%s: %s is required exactly when the event needs it', (event, field) => {
    const trigger: Record<string, unknown> = { ...valid(event) };
    if (needs(event) === field) {
      Reflect.deleteProperty(trigger, field);
      const issues = issuesOf(triggerSchema, trigger);
      expect(issues).toEqual([{ path: [field], message: `Required for ${event}` }]);
    } else {
      trigger[field] = extraValue[field];
      const issues = issuesOf(triggerSchema, trigger);
      expect(issues.map((issue) => issue.path)).toEqual([[field]]);
      expect(issues[0]?.message).toMatch(/^Only used with/);
    }
  });

  it.each([
    [{ event: 'task.failed', taskId: 'not-a-uuid' }, ['taskId']],
    [{ event: 'file.changed', path: '' }, ['path']],
    [{ event: 'system.idle', idleForMs: 999 }, ['idleForMs']],
    [{ event: 'system.idle', idleForMs: 86_400_001 }, ['idleForMs']],
    [{ event: 'system.boot' }, ['event']],
    [{}, ['event']],
  ])('rejects %j at %j', (fields, path) => {
    expect(issuePathsOf(triggerSchema, { type: 'event', ...fields })).toEqual([path]);
  });

  it.each([1_000, 86_400_000])('accepts idleForMs %d for system.idle', (idleForMs) => {
    expect(parse({ type: 'event', event: 'system.idle', idleForMs })).toEqual({
      type: 'event',
      event: 'system.idle',
      idleForMs,
    });
  });
});

describe('trigger type', () => {
  it.each([{ type: 'daily' }, { everyMs: 1_000 }, 'interval', null])(
    'rejects %j with an issue at type or the root',
    (trigger) => {
      const paths = issuePathsOf(triggerSchema, trigger);
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) expect([[], ['type']]).toContainEqual(path);
    },
  );
});
