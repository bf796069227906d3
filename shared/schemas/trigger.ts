import { z } from 'zod';
import { cronExpressionProblem } from '../cron-expression.js';
import { canonicalTimeZone } from '../time-zone.js';
import { idSchema, int, isoDateTimeSchema } from './primitives.js';
import { MAX_INTERVAL_MS } from './task-limits.js';

export { MAX_INTERVAL_MS } from './task-limits.js';

/** Events a task can be triggered by (API.md). */
export const EVENT_NAMES = [
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
] as const;
export const eventNameSchema = z.enum(EVENT_NAMES);
export type EventName = z.infer<typeof eventNameSchema>;

/** Events that need the `taskId` of the task they follow. */
export const CHAIN_EVENTS: readonly EventName[] = [
  'task.succeeded',
  'task.failed',
  'task.finished',
];

/** An IANA zone name, canonicalised (e.g. `utc` becomes `UTC`). */
export const timeZoneSchema = z.string().transform((zone, ctx) => {
  const name = canonicalTimeZone(zone);
  if (name === null) {
    ctx.addIssue({
      code: 'custom',
      message: `Unknown time zone "${zone}"; use an IANA name such as Europe/Berlin`,
    });
    return z.NEVER;
  }
  return name;
});

export const intervalTriggerSchema = z
  .strictObject({
    type: z.literal('interval'),
    everyMs: int(1_000, MAX_INTERVAL_MS),
    startAt: isoDateTimeSchema.optional(),
    jitterMs: int(0, MAX_INTERVAL_MS).optional(),
  })
  .check((ctx) => {
    const { jitterMs, everyMs } = ctx.value;
    if (jitterMs !== undefined && jitterMs > everyMs) {
      ctx.issues.push({
        code: 'custom',
        input: jitterMs,
        path: ['jitterMs'],
        message: `Must be at most everyMs (${everyMs})`,
      });
    }
  });

export const cronTriggerSchema = z.strictObject({
  type: z.literal('cron'),
  expression: z
    .string()
    .max(200)
    .transform((text) => text.trim())
    .check((ctx) => {
      const problem = cronExpressionProblem(ctx.value);
      if (problem !== null) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
    }),
  timezone: timeZoneSchema.optional(),
});

export const onceTriggerSchema = z.strictObject({
  type: z.literal('once'),
  at: isoDateTimeSchema,
});

export const eventTriggerSchema = z
  .strictObject({
    type: z.literal('event'),
    event: eventNameSchema,
    taskId: idSchema.optional(),
    path: z.string().min(1).max(4096).optional(),
    idleForMs: int(1_000, 86_400_000).optional(),
  })
  .check((ctx) => {
    const { event, taskId, path, idleForMs } = ctx.value;
    const need = (field: string, present: boolean, wanted: boolean, rule: string) => {
      if (present !== wanted) {
        ctx.issues.push({ code: 'custom', input: ctx.value, path: [field], message: rule });
      }
    };
    const chain = CHAIN_EVENTS.includes(event);
    need(
      'taskId',
      taskId !== undefined,
      chain,
      chain
        ? `Required for ${event}`
        : 'Only used with task.succeeded, task.failed and task.finished',
    );
    need(
      'path',
      path !== undefined,
      event === 'file.changed',
      event === 'file.changed' ? 'Required for file.changed' : 'Only used with file.changed',
    );
    need(
      'idleForMs',
      idleForMs !== undefined,
      event === 'system.idle',
      event === 'system.idle' ? 'Required for system.idle' : 'Only used with system.idle',
    );
  });

/** What makes a task fire; `type` selects the kind. */
export const triggerSchema = z.discriminatedUnion('type', [
  intervalTriggerSchema,
  cronTriggerSchema,
  onceTriggerSchema,
  eventTriggerSchema,
]);

export type IntervalTrigger = z.output<typeof intervalTriggerSchema>;
export type CronTrigger = z.output<typeof cronTriggerSchema>;
export type OnceTrigger = z.output<typeof onceTriggerSchema>;
export type EventTrigger = z.output<typeof eventTriggerSchema>;
export type Trigger = z.output<typeof triggerSchema>;
export type TriggerInput = z.input<typeof triggerSchema>;
