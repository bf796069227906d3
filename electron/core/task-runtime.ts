import type { Alarm } from './alarm-queue.js';
import type { ExecutionStatus } from '../../shared/schemas/execution.js';
import type { ExecutionRecord } from './execution-record.js';
import type { TimeTrigger } from './next-fire.js';
import type { RunningProcess } from './ports/process-runner.js';
import type { QueueItem } from './ready-queue.js';
import type { ResourceTracker } from './resource-tracker.js';
import type { EngineTask } from './task-definition.js';
import { JobChain } from './job-chain.js';
import { uuidOfWords } from './uuid-bytes.js';

/** A task's last ended execution in brief (what task views show). */
export interface LastRun {
  id: string;
  status: ExecutionStatus;
  startedAt: number | null;
  endedAt: number | null;
  exitCode: number | null;
  error: string | null;
}

/** Why the engine ended a run early; decides the final status. */
export type StopReason = 'timeout' | 'cancel' | 'replaced' | 'memory' | 'shutdown' | 'removed';

/** Where a waiting request is. */
export type RequestPlace = 'delayed' | 'pending' | 'held' | 'ready' | 'gone';

/**
 * One execution's life in the executor: a request while it waits, a run once it started. One
 * object for both, so a fire allocates once.
 */
export interface Job extends QueueItem {
  exec: ExecutionRecord;
  /** The execution id's words (see `uuidWord`), for the trace table and the task's last run. */
  id0: number;
  id1: number;
  id2: number;
  id3: number;
  task: TaskRuntime;
  // While it waits:
  place: RequestPlace;
  heldBy: string | null;
  /** When conditions stop holding it back (ms), if the task has a deadline. */
  deadline: number | null;
  alarm: RequestAlarm | null;
  traced: boolean;
  // Once it runs:
  /** The definition it started under; edits apply from the next run. */
  def: EngineTask;
  controller: AbortController | null;
  process: RunningProcess | null;
  tracker: ResourceTracker | null;
  stopReason: StopReason | null;
  stopDetail: string | null;
  timeout: RunAlarm | null;
  abandon: RunAlarm | null;
  /** A function that returned (or threw) without a promise: how, until its settling turn. */
  syncOk: boolean;
  syncValue: unknown;
  /** Neighbours in the executor's list of live jobs (see `LiveJobs`). */
  prevLive: Job | null;
  nextLive: Job | null;
  /** Neighbours in its task's waiting or running chain (see `JobChain`). */
  prevInTask: Job | null;
  nextInTask: Job | null;
}

/** An execution waiting to start. */
export type Request = Job;
/** An execution that has started. */
export type Run = Job;

/**
 * A time trigger's next fire. One object per armed trigger, reused from fire to fire; it carries
 * what a fire needs (the trigger, its description) so that firing touches little else.
 */
export interface FireAlarm extends Alarm {
  kind: 'fire';
  task: TaskRuntime;
  /** Index of the trigger in the task's triggers. */
  index: number;
  trigger: TimeTrigger;
  /** The scheduled time without jitter; the next fire is computed from it (no drift). */
  base: number;
  /** How its fires are described in the trace (built on the first fire, then kept). */
  detail: string | null;
  /** Set when the task was disarmed (paused, edited, removed, re-planned): never re-armed. */
  retired: boolean;
}
export interface RequestAlarm extends Alarm {
  kind: 'retry' | 'deadline';
  request: Request;
}
export interface RunAlarm extends Alarm {
  kind: 'timeout' | 'abandon';
  run: Run;
}
/** The executor's next sampling of running processes. */
export interface SampleAlarm extends Alarm {
  kind: 'sample';
}
/** The engine's next write of the state file's heartbeat. */
export interface HeartbeatAlarm extends Alarm {
  kind: 'heartbeat';
}
export type EngineAlarm = FireAlarm | RequestAlarm | RunAlarm | SampleAlarm | HeartbeatAlarm;

const NO_FLAGS: boolean[] = [];

/** Everything the engine tracks about one task (kept lean: ten thousand of them are normal). */
export class TaskRuntime {
  /** The task's row in the engine's trace table, opened on its first entry (-1: none yet). */
  traceRow = -1;
  /** Time triggers resolved for the scheduler, aligned with `def.triggers` (null: not timed). */
  timeTriggers: (TimeTrigger | null)[] = [];
  fireAlarms: (FireAlarm | null)[] = [];
  /** Per trigger: whether an idle trigger already fired in the current idle period. */
  idleFired: boolean[] = NO_FLAGS;
  readonly running = new JobChain<Run>();
  readonly waiting = new JobChain<Request>();
  /**
   * The last ended execution, as plain fields rather than the record: keeping ten thousand
   * records (or even their id strings) alive for a second each would push every one of them
   * into V8's old space. Its id is kept as four integer words (see `uuidWord`).
   */
  hasLast = false;
  lastId0 = 0;
  lastId1 = 0;
  lastId2 = 0;
  lastId3 = 0;
  lastStatus: ExecutionStatus = 'succeeded';
  /** Times in ms, NaN for none: a field that only ever holds numbers updates in place, while
   * one that may hold null boxes every new time in a fresh heap number. */
  lastStartedAt = NaN;
  lastEndedAt = NaN;
  lastExitCode: number | null = null;
  lastError: string | null = null;
  /** Scheduled time of the last time-trigger fire (ms), NaN before the first. */
  lastFireAt = NaN;
  completed = false;
  removed = false;
  /** Stops watching the task's files; null while it watches none. */
  unwatchFiles: (() => void)[] | null = null;

  /** Remembers `job`'s execution as the last ended one. */
  setLastId(job: Job): void {
    this.hasLast = true;
    this.lastId0 = job.id0;
    this.lastId1 = job.id1;
    this.lastId2 = job.id2;
    this.lastId3 = job.id3;
  }

  /** The last ended execution in brief, or null when none ended yet. */
  lastRun(): LastRun | null {
    if (!this.hasLast) return null;
    return {
      id: uuidOfWords(this.lastId0, this.lastId1, this.lastId2, this.lastId3),
      status: this.lastStatus,
      startedAt: Number.isNaN(this.lastStartedAt) ? null : this.lastStartedAt,
      endedAt: Number.isNaN(this.lastEndedAt) ? null : this.lastEndedAt,
      exitCode: this.lastExitCode,
      error: this.lastError,
    };
  }

  constructor(public def: EngineTask) {}

  get paused(): boolean {
    return !this.def.enabled;
  }

  /** True when every trigger is one-time: such a task completes after its run (set on index). */
  oneTime = false;
  /** True when the task has conditions to check before it starts (set on index). */
  conditional = false;
}
