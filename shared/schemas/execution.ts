import { z } from 'zod';
import { idSchema, utcTimeSchema } from './primitives.js';
import { EXECUTION_STATUSES } from './status-names.js';

export { EXECUTION_STATUSES } from './status-names.js';

export const executionStatusSchema = z.enum(EXECUTION_STATUSES);
export type ExecutionStatus = z.output<typeof executionStatusSchema>;

/** Statuses an execution never leaves: all but waiting and running. */
export const FINAL_STATUSES: readonly ExecutionStatus[] = EXECUTION_STATUSES.filter(
  (status) => status !== 'queued' && status !== 'running',
);

export const FIRE_SOURCES = [
  'interval',
  'cron',
  'once',
  'event',
  'manual',
  'retry',
  'catchUp',
] as const;
export const fireSourceSchema = z.enum(FIRE_SOURCES);
export type FireSource = z.output<typeof fireSourceSchema>;

export const resourcesSchema = z.strictObject({
  cpuTimeMs: z.number().nullable(),
  cpuAvgPercent: z.number().nullable(),
  cpuPeakPercent: z.number().nullable(),
  rssPeakBytes: z.number().nullable(),
});
export type Resources = z.output<typeof resourcesSchema>;

/** One run (or attempt) of a task. CPU percent is of one core, like `top`. */
export const executionSchema = z.strictObject({
  id: idSchema,
  taskId: idSchema,
  taskName: z.string(),
  attempt: z.number().int().min(1),
  firstExecutionId: idSchema,
  trigger: z.strictObject({ type: fireSourceSchema, detail: z.string() }),
  status: executionStatusSchema,
  queuedAt: utcTimeSchema,
  startedAt: utcTimeSchema.nullable(),
  endedAt: utcTimeSchema.nullable(),
  durationMs: z.number().nullable(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  error: z.string().nullable(),
  outputBytes: z.number().int(),
  result: z.unknown(),
  resources: resourcesSchema,
});
export type Execution = z.output<typeof executionSchema>;

export const outputStreamSchema = z.enum(['stdout', 'stderr']);
/** A piece of a process's output; `t` is milliseconds since the epoch. */
export const outputChunkSchema = z.strictObject({
  t: z.number(),
  stream: outputStreamSchema,
  text: z.string(),
});
export type OutputChunk = z.output<typeof outputChunkSchema>;

/** One resource reading of a process tree; `t` is milliseconds since the epoch. */
export const resourceSampleSchema = z.strictObject({
  t: z.number(),
  cpuPercent: z.number(),
  rssBytes: z.number(),
});
export type ResourceSample = z.output<typeof resourceSampleSchema>;

/** What `executions.get` returns: the execution, its kept output tail and its samples. */
export const executionDetailSchema = executionSchema.extend({
  output: z.array(outputChunkSchema),
  samples: z.array(resourceSampleSchema),
});
export type ExecutionDetail = z.output<typeof executionDetailSchema>;
