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

/** Shared empty output and samples: most runs never fill them (function tasks), so none allocates. */
export const NONE: never[] = Object.freeze([]) as unknown as never[];

export const NO_RESOURCES: ResourceSummary = {
  cpuTimeMs: null,
  cpuAvgPercent: null,
  cpuPeakPercent: null,
  rssPeakBytes: null,
};

/** A new queued execution's record. */
export function newExecution(
  id: string,
  taskId: string,
  taskName: string,
  source: FireSource,
  detail: string,
  scheduledAt: number,
  queuedAt: number,
  attempt = 1,
  firstExecutionId = id,
): ExecutionRecord {
  return {
    id,
    taskId,
    taskName,
    attempt,
    firstExecutionId,
    source,
    detail,
    status: 'queued',
    scheduledAt,
    queuedAt,
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
    output: NONE,
    samples: NONE,
  };
}

/** Run time in ms, or null if it has not both started and ended. */
export function durationOf(execution: ExecutionRecord): number | null {
  return execution.startedAt === null || execution.endedAt === null
    ? null
    : execution.endedAt - execution.startedAt;
}
