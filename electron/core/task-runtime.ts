import type { Alarm } from './alarm-queue.js';
import type { ExecutionRecord } from './execution-record.js';
import type { TimeTrigger } from './next-fire.js';
import type { RunningProcess } from './ports/process-runner.js';
import type { QueueItem } from './ready-queue.js';
import type { ResourceTracker } from './resource-tracker.js';
import type { EngineTask } from './task-definition.js';
import { TraceRing } from './trace-ring.js';

/** Why the engine ended a run early; decides the final status. */
export type StopReason = 'timeout' | 'cancel' | 'replaced' | 'memory' | 'shutdown' | 'removed';

/** Where a waiting request is. */
export type RequestPlace = 'delayed' | 'pending' | 'held' | 'ready' | 'gone';

/** An execution waiting to start. */
export interface Request extends QueueItem {
  exec: ExecutionRecord;
  task: TaskRuntime;
  place: RequestPlace;
  heldBy: string | null;
  /** When conditions stop holding it back (ms), if the task has a deadline. */
  deadline: number | null;
  alarm: RequestAlarm | null;
  traced: boolean;
}

/** An execution that has started. */
export interface Run {
  exec: ExecutionRecord;
  task: TaskRuntime;
  /** The definition it started under; edits apply from the next run. */
  def: EngineTask;
  controller: AbortController | null;
  process: RunningProcess | null;
  tracker: ResourceTracker | null;
  stopReason: StopReason | null;
  stopDetail: string | null;
  timeout: RunAlarm | null;
  abandon: RunAlarm | null;
}

export interface FireAlarm extends Alarm {
  kind: 'fire';
  task: TaskRuntime;
  /** Index of the trigger in the task's triggers. */
  index: number;
  /** The scheduled time without jitter; the next fire is computed from it (no drift). */
  base: number;
}
export interface RequestAlarm extends Alarm {
  kind: 'retry' | 'deadline';
  request: Request;
}
export interface RunAlarm extends Alarm {
  kind: 'timeout' | 'abandon';
  run: Run;
}
export interface TickAlarm extends Alarm {
  kind: 'sample' | 'heartbeat';
}
export type EngineAlarm = FireAlarm | RequestAlarm | RunAlarm | TickAlarm;

/** Trace records kept per task in memory. */
export const TRACE_CAPACITY = 200;

/** Everything the engine tracks about one task. */
export class TaskRuntime {
  readonly trace = new TraceRing(TRACE_CAPACITY);
  /** Time triggers resolved for the scheduler, aligned with `def.triggers` (null: not timed). */
  timeTriggers: (TimeTrigger | null)[] = [];
  fireAlarms: (FireAlarm | null)[] = [];
  /** Per trigger: how its fires are described in the trace (built once, not per fire). */
  fireDetails: string[] = [];
  /** Per trigger: whether an idle trigger already fired in the current idle period. */
  idleFired: boolean[] = [];
  running: Run[] = [];
  waiting: Request[] = [];
  lastExecution: ExecutionRecord | null = null;
  /** Scheduled time of the last time-trigger fire (ms). */
  lastFireAt: number | null = null;
  completed = false;
  removed = false;
  unwatchFiles: (() => void)[] = [];

  constructor(public def: EngineTask) {}

  get paused(): boolean {
    return !this.def.enabled;
  }

  /** True when every trigger is one-time: such a task completes after its run. */
  get oneTime(): boolean {
    return this.def.triggers.every((trigger) => trigger.type === 'once');
  }
}
