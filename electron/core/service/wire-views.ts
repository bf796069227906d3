import type {
  Execution,
  ExecutionDetail,
  OutputChunk,
  ResourceSample,
} from '../../../shared/schemas/execution.js';
import type {
  TaskStats,
  TaskView,
  StoredTask,
  LastExecution,
} from '../../../shared/schemas/task.js';
import type { TraceEntry } from '../../../shared/schemas/trace.js';
import { durationOf, type ExecutionRecord } from '../execution-record.js';
import type { LastRun } from '../task-runtime.js';
import type { TraceRecord } from '../trace-table.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A value as JSON can carry it (function results may be anything); undefined becomes null. */
function jsonSafe(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    // Circular or otherwise unserialisable: say so rather than fail the whole event.
    return '[result could not be serialised]';
  }
}

/** An engine execution as the API sends it (ISO times, no output). */
export function toExecution(record: ExecutionRecord): Execution {
  return {
    id: record.id,
    taskId: record.taskId,
    taskName: record.taskName,
    attempt: record.attempt,
    firstExecutionId: record.firstExecutionId,
    trigger: { type: record.source, detail: record.detail },
    status: record.status,
    queuedAt: new Date(record.queuedAt).toISOString(),
    startedAt: iso(record.startedAt),
    endedAt: iso(record.endedAt),
    durationMs: durationOf(record),
    exitCode: record.exitCode,
    signal: record.signal,
    error: record.error,
    outputBytes: record.outputBytes,
    result: jsonSafe(record.result),
    resources: { ...record.resources },
  };
}

/** An execution with its kept output and samples (`executions.get`). */
export function toExecutionDetail(
  record: ExecutionRecord,
  output: OutputChunk[],
  samples: ResourceSample[],
): ExecutionDetail {
  return { ...toExecution(record), output, samples };
}

export function toLastExecution(record: LastRun): LastExecution {
  return {
    id: record.id,
    status: record.status,
    startedAt: iso(record.startedAt),
    endedAt: iso(record.endedAt),
    durationMs:
      record.startedAt === null || record.endedAt === null
        ? null
        : record.endedAt - record.startedAt,
    exitCode: record.exitCode,
  };
}

export function toTraceEntry(record: TraceRecord): TraceEntry {
  return {
    t: new Date(record.t).toISOString(),
    taskId: record.taskId,
    outcome: record.outcome,
    reason: record.reason,
    executionId: record.executionId,
  };
}

/** The live part of a task view, from the engine. */
export interface LiveTaskInfo {
  state: TaskView['state'];
  queuePosition: number | null;
  heldBy: string | null;
  nextRunAt: number | null;
  lastExecution: LastRun | null;
}

/** The fields a task view adds to its stored task. */
export type TaskViewLive = Omit<TaskView, keyof StoredTask>;

/** The live fields of a task view, in the order the view has them after the stored fields. */
export function toTaskViewLive(live: LiveTaskInfo, stats: TaskStats): TaskViewLive {
  return {
    state: live.state,
    queuePosition: live.queuePosition,
    heldBy: live.heldBy,
    nextRunAt: iso(live.nextRunAt),
    lastExecution: live.lastExecution === null ? null : toLastExecution(live.lastExecution),
    stats,
  };
}

export function toTaskView(task: StoredTask, live: LiveTaskInfo, stats: TaskStats): TaskView {
  return { ...task, ...toTaskViewLive(live, stats) };
}
