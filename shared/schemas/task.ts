import { z } from 'zod';
import { actionSchema } from './action.js';
import { idSchema, int, utcTimeSchema } from './primitives.js';
import { triggerSchema } from './trigger.js';
import { executionStatusSchema } from './execution.js';
import { TASK_LIMITS } from './task-limits.js';

export { TASK_LIMITS } from './task-limits.js';

/**
 * An absent sub-object is filled with its complete default directly (zod then skips parsing an
 * empty object through every field's default: a third of a task's validation, which matters to
 * anyone registering thousands of tasks at start-up). The default equals what `{}` parses to.
 */
const DEFAULT_RETRY = {
  maxRetries: 0,
  delayMs: 10_000,
  backoff: 'fixed',
  maxDelayMs: 3_600_000,
  jitter: false,
} as const;
const DEFAULT_CONDITIONS = {
  acPower: false,
  idleForMs: 0,
  maxSystemCpuPercent: null,
  deadlineMs: null,
} as const;

/** Retry policy; the default is "no retry". */
export const retrySchema = z
  .strictObject({
    maxRetries: int(0, 100).default(DEFAULT_RETRY.maxRetries),
    delayMs: int(0, 86_400_000).default(DEFAULT_RETRY.delayMs),
    backoff: z.enum(['fixed', 'exponential']).default(DEFAULT_RETRY.backoff),
    maxDelayMs: int(0, 86_400_000).default(DEFAULT_RETRY.maxDelayMs),
    jitter: z.boolean().default(DEFAULT_RETRY.jitter),
  })
  .default(DEFAULT_RETRY);

/**
 * Daylight-saving policy for cron triggers. When absent, a time inside a spring-forward gap is
 * shifted by the gap and a repeated fall-back time runs once (first); expressions whose hour
 * field is `*` (hourly or more often) keep firing in real elapsed time, so they run in both
 * passes of a repeated hour. Setting `dst` applies it to every expression of the task.
 */
export const dstSchema = z.strictObject({
  gap: z.enum(['shift', 'skip']).default('shift'),
  overlap: z.enum(['first', 'both']).default('first'),
});

/** Conditions that hold a fired request in the queue until they are met (or the deadline). */
export const conditionsSchema = z
  .strictObject({
    acPower: z.boolean().default(DEFAULT_CONDITIONS.acPower),
    idleForMs: int(0, 86_400_000).default(DEFAULT_CONDITIONS.idleForMs),
    maxSystemCpuPercent: z.number().min(1).max(100).nullable().default(null),
    deadlineMs: int(0, 604_800_000).nullable().default(null),
  })
  .default(DEFAULT_CONDITIONS);

export const limitsSchema = z
  .strictObject({ maxMemoryMb: int(1, 1_048_576).nullable().default(null) })
  .default({ maxMemoryMb: null });

export const overlapSchema = z.enum(['skip', 'queue', 'parallel', 'replace']);
export const missedRunsSchema = z.enum(['skip', 'runOnce']);
export const notifySchema = z.enum(['never', 'failure', 'always']);

const tagSchema = z
  .string()
  .transform((tag) => tag.trim())
  .pipe(z.string().min(1, 'Tags must not be empty').max(40, 'Tags are at most 40 characters'));

/** The task document as a person writes it; unknown keys are errors, defaults are filled in. */
export const taskDocumentSchema = z.strictObject({
  name: z
    .string()
    .transform((name) => name.trim())
    .pipe(
      z
        .string()
        .min(1, 'Name must not be empty')
        .max(TASK_LIMITS.nameLength, `Name is at most ${TASK_LIMITS.nameLength} characters`),
    ),
  description: z.string().max(TASK_LIMITS.descriptionLength).default(''),
  enabled: z.boolean().default(true),
  priority: int(...TASK_LIMITS.priority).default(0),
  triggers: z
    .array(triggerSchema)
    .min(1, 'A task needs at least one trigger')
    .max(TASK_LIMITS.triggers),
  action: actionSchema,
  retry: retrySchema,
  timeoutMs: int(...TASK_LIMITS.timeoutMs)
    .nullable()
    .default(null),
  overlap: overlapSchema.default('skip'),
  maxParallel: int(...TASK_LIMITS.maxParallel).default(2),
  missedRuns: missedRunsSchema.default('runOnce'),
  dst: dstSchema.optional(),
  conditions: conditionsSchema,
  limits: limitsSchema,
  notify: notifySchema.default('failure'),
  keepHistory: int(...TASK_LIMITS.keepHistory).default(500),
  tags: z
    .array(tagSchema)
    .max(20, 'At most 20 tags')
    .refine((tags) => new Set(tags).size === tags.length, 'Tags must be unique')
    .default([]),
});

export type TaskDocument = z.output<typeof taskDocumentSchema>;
export type TaskDocumentInput = z.input<typeof taskDocumentSchema>;
export type RetryPolicy = z.output<typeof retrySchema>;
export type DstPolicy = z.output<typeof dstSchema>;
export type Conditions = z.output<typeof conditionsSchema>;
export type OverlapPolicy = z.output<typeof overlapSchema>;
export type MissedRunsPolicy = z.output<typeof missedRunsSchema>;

export const taskStateSchema = z.enum(['idle', 'queued', 'running', 'paused', 'completed']);
export type TaskState = z.output<typeof taskStateSchema>;

/** A stored task: the document plus identity and timestamps. */
export const storedTaskSchema = taskDocumentSchema.extend({
  id: idSchema,
  createdAt: utcTimeSchema,
  updatedAt: utcTimeSchema,
  /** Set when every trigger was one-time and the run (with retries) is over. */
  completedAt: utcTimeSchema.nullable().default(null),
});
export type StoredTask = z.output<typeof storedTaskSchema>;

export const lastExecutionSchema = z.strictObject({
  id: idSchema,
  status: executionStatusSchema,
  startedAt: utcTimeSchema.nullable(),
  endedAt: utcTimeSchema.nullable(),
  durationMs: z.number().nullable(),
  exitCode: z.number().int().nullable(),
});

export const taskStatsSchema = z.strictObject({
  runs: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  successRate: z.number().nullable(),
  p50DurationMs: z.number().nullable(),
  p95DurationMs: z.number().nullable(),
});
export type TaskStats = z.output<typeof taskStatsSchema>;

/** A task as the service returns it. */
export const taskViewSchema = storedTaskSchema.extend({
  state: taskStateSchema,
  queuePosition: z.number().int().nullable(),
  heldBy: z.string().nullable(),
  nextRunAt: utcTimeSchema.nullable(),
  lastExecution: lastExecutionSchema.nullable(),
  stats: taskStatsSchema,
});
export type TaskView = z.output<typeof taskViewSchema>;
export type LastExecution = z.output<typeof lastExecutionSchema>;
