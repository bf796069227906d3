import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { libraryTaskSchema } from '../../electron/core/library-task.js';
import { readPlainTask } from '../../electron/core/plain-task-reader.js';
import { MAX_INTERVAL_MS } from '../../shared/schemas/trigger.js';

const run = () => undefined;

/** Mostly a valid value, sometimes an edge or a wrong one. */
const field = <T, U>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 15, arbitrary: valid }, { weight: 1, arbitrary: edge });

/** Integers in bounds, or values at, just outside and beside a bound, and wrong types. */
const around = (min: number, max: number) =>
  field(
    fc.integer({ min, max }),
    fc.oneof(
      fc.constantFrom(min - 1, min, max, max + 1, -0, 1.5, NaN, Infinity),
      fc.constantFrom('1', null, true),
    ),
  );

const interval = fc.record(
  {
    type: fc.constant('interval'),
    everyMs: around(1_000, MAX_INTERVAL_MS),
    jitterMs: around(0, 5_000),
    startAt: fc.constant('2026-01-05T00:00:00Z'),
    extra: fc.constant(1),
  },
  { requiredKeys: ['type', 'everyMs'] },
);

const cron = fc.record(
  {
    type: fc.constant('cron'),
    expression: field(
      fc.constantFrom('* * * * *', ' 0 9 * * 1-5 ', '*/20 * * * * *', '@daily', '0 0 29 2 *'),
      fc.oneof(
        fc.constantFrom(
          '@Daily',
          '',
          '* * *',
          '61 * * * *',
          '0 0 31 2 *',
          `${'1'.repeat(198)} *`,
          `* * * * * ${' '.repeat(195)}`,
        ),
        fc.string(),
        fc.constant(7),
      ),
    ),
    timezone: field(
      fc.constantFrom('UTC', 'utc', 'Europe/Berlin', 'America/New_York'),
      fc.constantFrom('Mars/Olympus', '+01:00', ' UTC', 5),
    ),
  },
  { requiredKeys: ['type', 'expression'] },
);

const trigger = field(
  fc.oneof(interval, cron),
  fc.constantFrom<unknown>(
    { type: 'once', at: '2026-01-05T09:00:00Z' },
    { type: 'event', event: 'manual' },
    { type: 'hourly' },
    null,
    'interval',
  ),
);

const document = fc
  .tuple(
    fc.record(
      {
        name: field(
          fc.oneof(
            fc.string({ minLength: 1, maxLength: 8 }),
            fc.constantFrom('  padded  ', 'x'.repeat(200)),
          ),
          fc.constantFrom('', ' ', 'x'.repeat(201), ` ${'x'.repeat(200)} `, 1, null),
        ),
        triggers: field(
          fc.array(trigger, { minLength: 1, maxLength: 3 }),
          fc.oneof(
            fc.array(trigger, { minLength: 0, maxLength: 22 }),
            fc.constantFrom<unknown>('every second', {}, []),
          ),
        ),
        action: field(
          fc.constant({ type: 'function', run }),
          fc.constantFrom<unknown>(
            { type: 'function', run: 'run' },
            { type: 'function', run, extra: true },
            { type: 'command', command: 'true' },
            null,
          ),
        ),
        description: field(fc.string({ maxLength: 4 }), fc.constantFrom('x'.repeat(10_001), 5)),
        enabled: field(fc.boolean(), fc.constantFrom('true', 0, undefined)),
        priority: around(-100, 100),
        timeoutMs: field(fc.constant(null), around(1_000, 604_800_000)),
        overlap: field(
          fc.constantFrom('skip', 'queue', 'parallel', 'replace'),
          fc.constantFrom('Skip', 3),
        ),
        maxParallel: around(2, 64),
        missedRuns: field(fc.constantFrom('skip', 'runOnce'), fc.constant('run-once')),
        notify: field(fc.constantFrom('never', 'failure', 'always'), fc.constant('sometimes')),
        keepHistory: around(1, 100_000),
      },
      { requiredKeys: ['name', 'triggers', 'action'] },
    ),
    // Now and then a section the fast path leaves to zod, or a field nobody knows.
    fc.option(
      fc.record(
        {
          retry: fc.constantFrom({}, { maxRetries: 2 }),
          tags: fc.constantFrom([], ['nightly']),
          id: fc.constant('3d1f2c74-8e4b-4d2a-9a51-0f6c1b2e7d90'),
          bogus: fc.constant(1),
        },
        { requiredKeys: [] },
      ),
      { freq: 4 },
    ),
  )
  .map(([doc, extra]) => ({ ...doc, ...(extra ?? {}) }));

describe('the library registration fast path', () => {
  it('gives exactly what zod gives for every document it accepts, and leaves the rest to zod (property)', () => {
    let accepted = 0;
    let zodAccepted = 0;
    fc.assert(
      fc.property(document, (doc) => {
        const fast = readPlainTask(doc);
        const parsed = libraryTaskSchema.safeParse(doc);
        if (parsed.success) zodAccepted++;
        if (fast === null) return;
        accepted++;
        expect(parsed.success).toBe(true);
        expect(fast).toStrictEqual(parsed.data);
      }),
      { numRuns: 5_000 },
    );
    // Not vacuous: the fast path takes a real share of what zod accepts.
    expect(zodAccepted).toBeGreaterThan(200);
    expect(accepted).toBeGreaterThan(zodAccepted / 3);
  });

  it('takes the common shapes: minimal interval and cron tasks with a function', () => {
    const minimal = readPlainTask({
      name: ' nightly ',
      triggers: [{ type: 'cron', expression: '0 3 * * *', timezone: 'utc' }],
      action: { type: 'function', run },
    });
    expect(minimal).toStrictEqual(
      libraryTaskSchema.parse({
        name: ' nightly ',
        triggers: [{ type: 'cron', expression: '0 3 * * *', timezone: 'utc' }],
        action: { type: 'function', run },
      }),
    );
    expect(minimal?.triggers[0]).toEqual({
      type: 'cron',
      expression: '0 3 * * *',
      timezone: 'UTC',
    });
    expect(
      readPlainTask({
        name: 'x',
        triggers: [{ type: 'interval', everyMs: 1_000 }],
        action: { type: 'function', run },
      }),
    ).not.toBeNull();
  });

  it('leaves documents with holes or foreign prototypes to zod', () => {
    const base = () => ({
      name: 'x',
      triggers: [{ type: 'interval', everyMs: 1_000 }],
      action: { type: 'function', run },
    });
    const holes = { ...base(), triggers: new Array(1) };
    const classy = Object.assign(Object.create({ inherited: true }) as object, base());
    const inheritedKey = Object.assign(Object.create({ priority: 5 }) as object, base());
    for (const doc of [holes, classy, inheritedKey]) expect(readPlainTask(doc)).toBeNull();
  });
});
