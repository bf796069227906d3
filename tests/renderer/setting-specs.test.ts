import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsSchema } from '../../shared/schemas/settings.js';
import {
  boundsOf,
  checkNumber,
  describeBounds,
  SETTING_SPECS,
  toShown,
  toStored,
  type NumberSpec,
} from '../../renderer/settings/setting-specs.js';

const spec = (key: NumberSpec['key']) =>
  SETTING_SPECS.find((candidate): candidate is NumberSpec => candidate.key === key)!;

describe('the settings form', () => {
  it('has a field for every setting of the contract, once each', () => {
    expect(SETTING_SPECS.map((entry) => entry.key).sort()).toEqual(
      Object.keys(settingsSchema.shape).sort(),
    );
  });

  it('takes bounds and defaults from the shared schema', () => {
    expect(boundsOf('maxRunningTasks')).toEqual({ min: 1, max: 64, fallback: 4 });
    expect(boundsOf('outputTailBytes')).toEqual({
      min: 1_024,
      max: 16_777_216,
      fallback: DEFAULT_SETTINGS.outputTailBytes,
    });
    expect(describeBounds(spec('sampleIntervalMs'))).toBe('0.25 to 60 s, default 1');
    expect(describeBounds(spec('outputTailBytes'))).toBe('1 to 16,384 KB, default 256');
  });

  it('shows friendly units and stores whole schema units', () => {
    expect(toShown(spec('sampleIntervalMs'), 250)).toBe(0.25);
    expect(toStored(spec('killGraceMs'), 2.5)).toBe(2_500);
    expect(toStored(spec('outputTailBytes'), 256)).toBe(262_144);
  });

  it('explains a value it will not send', () => {
    expect(checkNumber(spec('maxRunningTasks'), '')).toEqual({
      ok: false,
      message: 'Enter a number',
    });
    expect(checkNumber(spec('maxRunningTasks'), 'many')).toEqual({
      ok: false,
      message: 'Enter a number',
    });
    expect(checkNumber(spec('maxRunningTasks'), '65')).toEqual({
      ok: false,
      message: 'Must be 1 to 64 tasks',
    });
    expect(checkNumber(spec('maxRunningTasks'), '2.5')).toEqual({
      ok: false,
      message: 'Must be a whole number',
    });
    expect(checkNumber(spec('sampleIntervalMs'), '0.1')).toEqual({
      ok: false,
      message: 'Must be 0.25 to 60 s',
    });
    expect(checkNumber(spec('sampleIntervalMs'), ' 0.5 ')).toEqual({ ok: true, stored: 500 });
    expect(checkNumber(spec('historyMaxAgeDays'), '3650')).toEqual({ ok: true, stored: 3_650 });
  });
});
