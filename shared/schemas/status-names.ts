// The words executions and the trace are described with, apart from their zod schemas: the
// engine's tables encode them as numbers without loading zod.

export const EXECUTION_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'timed-out',
  'cancelled',
  'skipped',
  'interrupted',
] as const;

export const TRACE_OUTCOMES = [
  'ran',
  'queued',
  'held',
  'skipped',
  'coalesced',
  'retried',
  'missed',
] as const;
