import { z } from 'zod';
import { utcTimeSchema } from './primitives.js';

/** The scheduler as a whole. */
export const schedulerStatusSchema = z.strictObject({
  paused: z.boolean(),
  running: z.number().int(),
  queued: z.number().int(),
  maxRunningTasks: z.number().int(),
  startedAt: utcTimeSchema,
});
export type SchedulerStatus = z.output<typeof schedulerStatusSchema>;

/** Something the person should know about, e.g. a corrupt file that was moved aside. */
export const problemSchema = z.strictObject({
  code: z.string(),
  message: z.string(),
  path: z.string().optional(),
});
export type Problem = z.output<typeof problemSchema>;

/** A reading of the whole machine; `onBattery` is null where it cannot be told. */
export const systemSampleSchema = z.strictObject({
  t: z.number(),
  cpuPercent: z.number(),
  memUsedBytes: z.number(),
  memTotalBytes: z.number(),
  onBattery: z.boolean().nullable(),
});
export type SystemSample = z.output<typeof systemSampleSchema>;
