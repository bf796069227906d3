import { z } from 'zod';
import { EXECUTION_STATUSES } from './execution.js';

/** What `stats.summary` returns over the executions it covers. */
export const statsSummarySchema = z.strictObject({
  byStatus: z.record(z.enum(EXECUTION_STATUSES), z.number().int()),
  successRate: z.number().nullable(),
  durations: z.strictObject({
    p50: z.number().nullable(),
    p95: z.number().nullable(),
    max: z.number().nullable(),
  }),
  cpu: z.strictObject({ avgPercent: z.number().nullable(), peakPercent: z.number().nullable() }),
  rssPeakBytes: z.number().nullable(),
  daily: z.array(
    z.strictObject({ day: z.string(), succeeded: z.number().int(), failed: z.number().int() }),
  ),
});
export type StatsSummary = z.output<typeof statsSummarySchema>;
