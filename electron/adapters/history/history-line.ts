import { inspect } from 'node:util';
import { z } from 'zod';
import {
  EXECUTION_STATUSES,
  executionStatusSchema,
  fireSourceSchema,
  outputChunkSchema,
  resourceSampleSchema,
  resourcesSchema,
  type ExecutionStatus,
} from '../../../shared/schemas/execution.js';
import { traceOutcomeSchema } from '../../../shared/schemas/trace.js';
import type { ExecutionRecord } from '../../core/execution-record.js';
import type { TraceRecord } from '../../core/trace-table.js';

/*
 * One JSON object per line, each with a kind `k` and a log-wide sequence number `q` (ascending
 * in the order records were made; it orders pages and survives compaction):
 *   {k:'s', q, …start}   an execution started (enough to rebuild it if it never ends)
 *   {k:'e', q, …record}  an execution ended: the whole ExecutionRecord with output and samples
 *   {k:'t', q, …trace}   a firing's trace entry
 *   {k:'r', q, taskId}   the task was removed: its earlier records are hidden
 */

/** What a line says about itself, read without validating the whole record. */
export interface LinePeek {
  k: 's' | 'e' | 't' | 'r';
  q: number;
  taskId: string;
  /** Execution id (starts and ends), else ''. */
  id: string;
  /** Index into EXECUTION_STATUSES (ends), else -1. */
  status: number;
  /** `endedAt` of an end, `t` of a trace, else 0 (ms). */
  time: number;
}

const STATUS_INDEX = new Map<string, number>(EXECUTION_STATUSES.map((status, i) => [status, i]));

/** The index-entry form of a status. */
export function statusIndex(status: ExecutionStatus): number {
  return STATUS_INDEX.get(status) ?? -1;
}

/** Peeks at a parsed line; null when it is not a history record at all. */
export function peekLine(value: unknown): LinePeek | null {
  if (typeof value !== 'object' || value === null) return null;
  const line = value as Record<string, unknown>;
  const { k, q, taskId } = line;
  if (typeof q !== 'number' || typeof taskId !== 'string') return null;
  if (k === 's' || k === 'e') {
    const id = line['id'];
    if (typeof id !== 'string') return null;
    if (k === 's') return { k, q, taskId, id, status: -1, time: 0 };
    const status = STATUS_INDEX.get(line['status'] as string);
    const endedAt = line['endedAt'];
    const queuedAt = line['queuedAt'];
    if (status === undefined) return null;
    const time =
      typeof endedAt === 'number' ? endedAt : typeof queuedAt === 'number' ? queuedAt : 0;
    return { k, q, taskId, id, status, time };
  }
  if (k === 't') {
    const t = line['t'];
    return typeof t === 'number' ? { k, q, taskId, id: '', status: -1, time: t } : null;
  }
  if (k === 'r') return { k, q, taskId, id: '', status: -1, time: 0 };
  return null;
}

/** A result JSON can carry: what JSON cannot (bigints, cycles) is kept as its inspected text. */
function storableResult(result: unknown): unknown {
  if (result === undefined) return null;
  try {
    JSON.stringify(result);
    return result;
  } catch {
    return inspect(result, { depth: 4, breakLength: Infinity });
  }
}

/** The start line of an execution. */
export function encodeStart(execution: ExecutionRecord, q: number): string {
  return JSON.stringify({
    k: 's',
    q,
    id: execution.id,
    taskId: execution.taskId,
    taskName: execution.taskName,
    attempt: execution.attempt,
    firstExecutionId: execution.firstExecutionId,
    source: execution.source,
    detail: execution.detail,
    scheduledAt: execution.scheduledAt,
    queuedAt: execution.queuedAt,
    startedAt: execution.startedAt,
    pid: execution.pid,
    pgid: execution.pgid,
    startToken: execution.startToken,
  });
}

/** The end line of an execution: the whole record, output tail and samples included. */
export function encodeEnd(execution: ExecutionRecord, q: number): string {
  const result = execution.result;
  const plain =
    result === null || typeof result === 'string' || typeof result === 'number'
      ? result
      : storableResult(result);
  return JSON.stringify({ k: 'e', q, ...execution, result: plain });
}

/** A trace line. */
export function encodeTrace(entry: TraceRecord, q: number): string {
  return JSON.stringify({
    k: 't',
    q,
    t: entry.t,
    taskId: entry.taskId,
    outcome: entry.outcome,
    reason: entry.reason,
    executionId: entry.executionId,
  });
}

/** A removal marker. */
export function encodeRemoval(taskId: string, q: number): string {
  return JSON.stringify({ k: 'r', q, taskId });
}

const startFields = {
  id: z.string(),
  taskId: z.string(),
  taskName: z.string(),
  attempt: z.number().int(),
  firstExecutionId: z.string(),
  source: fireSourceSchema,
  detail: z.string(),
  scheduledAt: z.number(),
  queuedAt: z.number(),
  startedAt: z.number().nullable(),
  pid: z.number().nullable(),
  pgid: z.number().nullable(),
  startToken: z.string().nullable(),
};
const startLineSchema = z.object(startFields);
/** An ExecutionRecord as stored (end lines, and the last execution kept in aggregates). */
export const storedExecutionSchema = z.object({
  ...startFields,
  status: executionStatusSchema,
  endedAt: z.number().nullable(),
  exitCode: z.number().nullable(),
  signal: z.string().nullable(),
  error: z.string().nullable(),
  outputBytes: z.number(),
  result: z.unknown().transform((value) => value ?? null),
  resources: resourcesSchema,
  output: z.array(outputChunkSchema),
  samples: z.array(resourceSampleSchema),
});
const traceLineSchema = z.object({
  t: z.number(),
  taskId: z.string(),
  outcome: traceOutcomeSchema,
  reason: z.string(),
  executionId: z.string().nullable(),
});

type StartFields = z.output<typeof startLineSchema>;

/** An execution as its start record tells it: running, with nothing ended yet. */
export function startedExecution(start: StartFields): ExecutionRecord {
  return {
    id: start.id,
    taskId: start.taskId,
    taskName: start.taskName,
    attempt: start.attempt,
    firstExecutionId: start.firstExecutionId,
    source: start.source,
    detail: start.detail,
    scheduledAt: start.scheduledAt,
    queuedAt: start.queuedAt,
    startedAt: start.startedAt,
    pid: start.pid,
    pgid: start.pgid,
    startToken: start.startToken,
    status: 'running',
    endedAt: null,
    exitCode: null,
    signal: null,
    error: null,
    outputBytes: 0,
    result: null,
    resources: { cpuTimeMs: null, cpuAvgPercent: null, cpuPeakPercent: null, rssPeakBytes: null },
    output: [],
    samples: [],
  };
}

/** The execution a start line describes, as still running; null if the line is invalid. */
export function decodeStart(value: unknown): ExecutionRecord | null {
  const parsed = startLineSchema.safeParse(value);
  return parsed.success ? startedExecution(parsed.data) : null;
}

/** The execution an end line holds; null if the line is invalid. */
export function decodeEnd(value: unknown): ExecutionRecord | null {
  const parsed = storedExecutionSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The trace entry a trace line holds; null if the line is invalid. */
export function decodeTrace(value: unknown): TraceRecord | null {
  const parsed = traceLineSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
