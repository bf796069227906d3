import type {
  ExecutionStatus,
  FireSource,
  OutputChunk,
  ResourceSample,
} from '../../shared/schemas/execution.js';
import type { ResourceSummary } from './resource-tracker.js';

/**
 * One run (or attempt) as the engine keeps it: times are ms since the epoch (hosts turn them
 * into ISO strings only when they send them), so the hot path builds no strings.
 */
export interface ExecutionRecord {
  id: string;
  taskId: string;
  taskName: string;
  attempt: number;
  firstExecutionId: string;
  source: FireSource;
  detail: string;
  status: ExecutionStatus;
  scheduledAt: number;
  queuedAt: number;
  startedAt: number | null;
  endedAt: number | null;
  exitCode: number | null;
  signal: string | null;
  error: string | null;
  outputBytes: number;
  result: unknown;
  resources: ResourceSummary;
  pid: number | null;
  pgid: number | null;
  startToken: string | null;
  /** The kept output tail; filled when a command ends. */
  output: OutputChunk[];
  /** The downsampled resource series; filled when a command ends. */
  samples: ResourceSample[];
}

const NO_RESOURCES: ResourceSummary = {
  cpuTimeMs: null,
  cpuAvgPercent: null,
  cpuPeakPercent: null,
  rssPeakBytes: null,
};

/** A new queued execution. */
export function newExecution(fields: {
  taskId: string;
  taskName: string;
  source: FireSource;
  detail: string;
  scheduledAt: number;
  queuedAt: number;
  attempt?: number;
  firstExecutionId?: string;
}): ExecutionRecord {
  const id = crypto.randomUUID();
  return {
    id,
    taskId: fields.taskId,
    taskName: fields.taskName,
    attempt: fields.attempt ?? 1,
    firstExecutionId: fields.firstExecutionId ?? id,
    source: fields.source,
    detail: fields.detail,
    status: 'queued',
    scheduledAt: fields.scheduledAt,
    queuedAt: fields.queuedAt,
    startedAt: null,
    endedAt: null,
    exitCode: null,
    signal: null,
    error: null,
    outputBytes: 0,
    result: null,
    resources: NO_RESOURCES,
    pid: null,
    pgid: null,
    startToken: null,
    output: [],
    samples: [],
  };
}

/** Run time in ms, or null if it has not both started and ended. */
export function durationOf(execution: ExecutionRecord): number | null {
  return execution.startedAt === null || execution.endedAt === null
    ? null
    : execution.endedAt - execution.startedAt;
}
