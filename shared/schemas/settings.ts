import { z } from 'zod';
import { int } from './primitives.js';

export const settingsShape = {
  maxRunningTasks: int(1, 64).default(4),
  sampleIntervalMs: int(250, 60_000).default(1_000),
  outputTailBytes: int(1_024, 16_777_216).default(262_144),
  killGraceMs: int(0, 60_000).default(5_000),
  historyMaxAgeDays: int(1, 3_650).default(90),
  closeToTray: z.boolean().default(true),
  launchAtLogin: z.boolean().default(false),
  notifications: z.boolean().default(true),
};

/** Every setting with its bounds and default (API.md). */
export const settingsSchema = z.strictObject(settingsShape);
export type Settings = z.output<typeof settingsSchema>;

/** What `settings.update` takes: any subset of the settings, no defaults filled in. */
export const settingsPatchSchema = z.strictObject({
  maxRunningTasks: settingsShape.maxRunningTasks.unwrap().optional(),
  sampleIntervalMs: settingsShape.sampleIntervalMs.unwrap().optional(),
  outputTailBytes: settingsShape.outputTailBytes.unwrap().optional(),
  killGraceMs: settingsShape.killGraceMs.unwrap().optional(),
  historyMaxAgeDays: settingsShape.historyMaxAgeDays.unwrap().optional(),
  closeToTray: settingsShape.closeToTray.unwrap().optional(),
  launchAtLogin: settingsShape.launchAtLogin.unwrap().optional(),
  notifications: settingsShape.notifications.unwrap().optional(),
});
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

/** The defaults, as one object. */
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
