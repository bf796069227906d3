import { z } from 'zod';
import { idSchema, utcTimeSchema } from './primitives.js';
import { TRACE_OUTCOMES } from './status-names.js';

export { TRACE_OUTCOMES } from './status-names.js';

export const traceOutcomeSchema = z.enum(TRACE_OUTCOMES);
export type TraceOutcome = z.output<typeof traceOutcomeSchema>;

/** What happened to one firing of a task, and why: the answer to "why didn't it run?". */
export const traceEntrySchema = z.strictObject({
  t: utcTimeSchema,
  taskId: idSchema,
  outcome: traceOutcomeSchema,
  reason: z.string(),
  executionId: idSchema.nullable(),
});
export type TraceEntry = z.output<typeof traceEntrySchema>;
