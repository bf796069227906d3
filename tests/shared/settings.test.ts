import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
} from '../../shared/schemas/settings.js';
import { parseOrThrow } from '../../shared/validation.js';
import { issuePathsOf } from './issues-of.js';

/** API.md "Settings": integer settings with their bounds and default. */
const integers: [keyof Settings, number, number, number][] = [
  ['maxRunningTasks', 1, 64, 4],
  ['sampleIntervalMs', 250, 60_000, 1_000],
  ['outputTailBytes', 1_024, 16_777_216, 262_144],
  ['killGraceMs', 0, 60_000, 5_000],
  ['historyMaxAgeDays', 1, 3_650, 90],
];

/** API.md "Settings": boolean settings with their default. */
const booleans: [keyof Settings, boolean][] = [
  ['closeToTray', true],
  ['launchAtLogin', false],
  ['notifications', true],
];

const parse = (input: unknown): Settings => parseOrThrow(settingsSchema, input);

describe('settings: defaults', () => {
  it('are exactly the ones of API.md', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      maxRunningTasks: 4,
      sampleIntervalMs: 1_000,
      outputTailBytes: 262_144,
      killGraceMs: 5_000,
      historyMaxAgeDays: 90,
      closeToTray: true,
      launchAtLogin: false,
      notifications: true,
    });
  });

  it.each([...integers.map(([key, , , fallback]) => [key, fallback] as const), ...booleans])(
    '%s defaults to %j when absent',
    (key, fallback) => {
      expect(parse({})[key]).toBe(fallback);
    },
  );
});

describe('settings: bounds', () => {
  it.each(integers)('%s accepts %d and %d', (key, min, max) => {
    expect(parse({ [key]: min })[key]).toBe(min);
    expect(parse({ [key]: max })[key]).toBe(max);
  });

  it.each(integers)('%s rejects %d - 1, %d + 1 and fractions, at its key', (key, min, max) => {
    for (const value of [min - 1, max + 1, min + 0.5, String(min), null]) {
      expect(issuePathsOf(settingsSchema, { [key]: value })).toEqual([[key]]);
    }
  });

  it.each(integers)('%s keeps every integer in [%d, %d] (fast-check)', (key, min, max) => {
    fc.assert(
      fc.property(fc.integer({ min, max }), (value) => {
        expect(parse({ [key]: value })[key]).toBe(value);
        expect(parseOrThrow(settingsPatchSchema, { [key]: value })).toEqual({ [key]: value });
      }),
    );
  });

  it.each(booleans)('%s accepts booleans only', (key) => {
    expect(parse({ [key]: false })[key]).toBe(false);
    expect(parse({ [key]: true })[key]).toBe(true);
    for (const value of ['true', 1, null]) {
      expect(issuePathsOf(settingsSchema, { [key]: value })).toEqual([[key]]);
    }
  });

  it('rejects unknown keys', () => {
    expect(issuePathsOf(settingsSchema, { theme: 'dark' })).toEqual([['theme']]);
  });
});

describe('settings: patch (settings.update)', () => {
  const value = fc.record(
    {
      maxRunningTasks: fc.integer({ min: 1, max: 64 }),
      sampleIntervalMs: fc.integer({ min: 250, max: 60_000 }),
      outputTailBytes: fc.integer({ min: 1_024, max: 16_777_216 }),
      killGraceMs: fc.integer({ min: 0, max: 60_000 }),
      historyMaxAgeDays: fc.integer({ min: 1, max: 3_650 }),
      closeToTray: fc.boolean(),
      launchAtLogin: fc.boolean(),
      notifications: fc.boolean(),
    },
    { requiredKeys: [], noNullPrototype: true },
  );

  it('accepts any subset of valid settings and returns exactly that subset (fast-check)', () => {
    fc.assert(
      fc.property(value, (patch) => {
        expect(parseOrThrow(settingsPatchSchema, patch)).toStrictEqual(patch);
      }),
    );
  });

  it('fills in no defaults for an empty patch', () => {
    expect(parseOrThrow(settingsPatchSchema, {})).toStrictEqual({});
  });

  it.each([
    [{ maxRunningTasks: 0 }, ['maxRunningTasks']],
    [{ outputTailBytes: 16_777_217 }, ['outputTailBytes']],
    [{ notifications: 'on' }, ['notifications']],
    [{ maxRunningTasks: 2, theme: 'dark' }, ['theme']],
    [{ maxRunningTasks: undefined, nope: 1 }, ['nope']],
  ])('rejects %j at %j', (patch, path) => {
    expect(issuePathsOf(settingsPatchSchema, patch)).toEqual([path]);
  });

  it('reports one issue per unknown key', () => {
    expect(issuePathsOf(settingsPatchSchema, { a: 1, b: 2 })).toEqual([['a'], ['b']]);
  });
});
