import type { Alarm } from './alarm-queue.js';
import type {
  ExecutionStatus,
  FireSource,
  OutputChunk,
  ResourceSample,
} from '../../shared/schemas/execution.js';
import type { ExecutionRecord } from './execution-record.js';
import type { TimeTrigger } from './next-fire.js';
import type { RunningProcess } from './ports/process-runner.js';
import type { QueueItem } from './ready-queue.js';
import type { ResourceSummary, ResourceTracker } from './resource-tracker.js';
import type { EngineTask, FunctionAction } from './task-definition.js';
import type { OverlapPolicy } from '../../shared/schemas/task.js';
import type { TaskTable } from './task-table.js';
import { uuidOfWords } from './uuid-words.js';

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
 * object for both, and for the execution itself: its record (what listeners and callers see) is
 * made from it only when someone needs one (see `recordOf`), so a fire allocates once.
 */
export interface Job extends QueueItem {
  /** The execution id's words (see `writeUuidWords`); its string is made on demand. */
  id0: number;
  id1: number;
  id2: number;
  id3: number;
  task: TaskRuntime;
  /** Its record once someone needed it, kept up to date from here on (see `recordOf`). */
  record: ExecutionRecord | null;
  // The execution, as its record shows it:
  attempt: number;
  /** The first attempt's execution id; null on the first attempt (its own id). */
  firstExecutionId: string | null;
  source: FireSource;
  detail: string;
  status: ExecutionStatus;
  scheduledAt: number;
  queuedAt: number;
  startedAt: number | null;
  endedAt: number | null;
  error: string | null;
  result: unknown;
  /** A command's process and what it reported; null for a function (and before a command starts). */
  proc: ProcessRun | null;
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
  /** Neighbours in its task's waiting or running chain (see `TaskRuntime`). */
  prevInTask: Job | null;
  nextInTask: Job | null;
}

/** A command's running process and what its execution record shows of it. */
export interface ProcessRun {
  process: RunningProcess;
  /** Its resource readings; null when it has no pid or nothing samples. */
  tracker: ResourceTracker | null;
  pid: number | null;
  pgid: number | null;
  startToken: string | null;
  exitCode: number | null;
  signal: string | null;
  outputBytes: number;
  output: OutputChunk[];
  resources: ResourceSummary;
  samples: ResourceSample[];
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
  /** Copied from the trigger, so a fire reads the alarm alone: its type, an interval's period
   * and jitter (0 for other triggers). */
  source: TimeTrigger['type'];
  everyMs: number;
  jitterMs: number;
  /** The scheduled time without jitter; the next fire is computed from it (no drift). */
  base: number;
  /** How its fires are described in the trace (built on the first fire, then kept). */
  detail: string | null;
  /** Set when the task was disarmed (paused, edited, removed, re-planned): never re-armed. */
  retired: boolean;
}
/**
 * A cancelled alarm stays in the heap until its time or a sweep: its job is let go (null) so
 * that a finished run, its process and its output are not kept alive by a timeout an hour away.
 */
export interface RequestAlarm extends Alarm {
  kind: 'retry' | 'deadline';
  request: Request | null;
}
export interface RunAlarm extends Alarm {
  kind: 'timeout' | 'abandon';
  run: Run | null;
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

/**
 * Everything the engine tracks about one task (kept lean: ten thousand of them are normal).
 * Fields are declared hottest first: V8 lays them out in this order, and a fire reads or writes
 * only the first few, so ten thousand cold tasks cost few cache misses each. What a fire needs
 * of the definition is copied here by `setDef` (a task's definition is a separate object).
 */
export class TaskRuntime {
  def: EngineTask;
  /** This task's row in `table` (its per-fire numbers). */
  readonly row: number;
  runningCount = 0;
  waitingCount = 0;
  /** The task's running and waiting jobs, in arrival order, threaded through the jobs. */
  runningFirst: Run | null = null;
  runningLast: Run | null = null;
  waitingFirst: Request | null = null;
  waitingLast: Request | null = null;
  /** Copies of `def` fields (see `setDef`); `run` is a function action's, null for a command. */
  id: string;
  name: string;
  run: FunctionAction['run'] | null = null;
  overlap: OverlapPolicy = 'skip';
  priority = 0;
  hidden = false;
  timeoutMs: number | null = null;
  maxRetries = 0;
  /** True when the task has conditions to check before it starts (set on index). */
  conditional = false;
  /**
   * Whether requests may wait for this task's running one to finish (overlap other than
   * parallel): a run's end walks the task's waiting requests only then.
   */
  hasPending = false;
  /** Tasks chained to this one's runs (the engine's shared set for its id), if any. */
  followers: Set<TaskRuntime> | null = null;
  /** The task's row in the engine's trace table, opened on its first entry (-1: none yet). */
  traceRow = -1;
  /** The last run's error (rarely anything but null); its numbers live in the task table. */
  lastError: string | null = null;
  completed = false;
  removed = false;
  /** True when every trigger is one-time: such a task completes after its run (set on index). */
  oneTime = false;
  /** Time triggers resolved for the scheduler, aligned with `def.triggers` (null: not timed). */
  timeTriggers: (TimeTrigger | null)[] = [];
  fireAlarms: (FireAlarm | null)[] = [];
  /** Per trigger: whether an idle trigger already fired in the current idle period. */
  idleFired: boolean[] = NO_FLAGS;
  /** Stops watching the task's files; null while it watches none. */
  unwatchFiles: (() => void)[] | null = null;

  constructor(
    def: EngineTask,
    private readonly table: TaskTable,
  ) {
    this.def = def;
    this.row = table.open();
    this.id = def.id;
    this.name = def.name;
    this.setDef(def);
  }

  /** Replaces the definition and the copies of it that fires read. */
  setDef(def: EngineTask): void {
    this.def = def;
    this.id = def.id;
    this.name = def.name;
    this.run = def.action.type === 'function' ? def.action.run : null;
    this.overlap = def.overlap;
    this.priority = def.priority;
    this.hidden = def.hidden === true;
    this.timeoutMs = def.timeoutMs;
    this.maxRetries = def.retry.maxRetries;
  }

  get paused(): boolean {
    return !this.def.enabled;
  }

  addRunning(job: Run): void {
    job.prevInTask = this.runningLast;
    job.nextInTask = null;
    if (this.runningLast === null) this.runningFirst = job;
    else this.runningLast.nextInTask = job;
    this.runningLast = job;
    this.runningCount++;
  }

  /** Removes `job`, which must be running. */
  removeRunning(job: Run): void {
    if (job.prevInTask === null) this.runningFirst = job.nextInTask;
    else job.prevInTask.nextInTask = job.nextInTask;
    if (job.nextInTask === null) this.runningLast = job.prevInTask;
    else job.nextInTask.prevInTask = job.prevInTask;
    job.prevInTask = null;
    job.nextInTask = null;
    this.runningCount--;
  }

  addWaiting(job: Request): void {
    job.prevInTask = this.waitingLast;
    job.nextInTask = null;
    if (this.waitingLast === null) this.waitingFirst = job;
    else this.waitingLast.nextInTask = job;
    this.waitingLast = job;
    this.waitingCount++;
  }

  /** Removes `job`, which must be waiting. */
  removeWaiting(job: Request): void {
    if (job.prevInTask === null) this.waitingFirst = job.nextInTask;
    else job.prevInTask.nextInTask = job.nextInTask;
    if (job.nextInTask === null) this.waitingLast = job.prevInTask;
    else job.nextInTask.prevInTask = job.prevInTask;
    job.prevInTask = null;
    job.nextInTask = null;
    this.waitingCount--;
  }

  /** Snapshots of the chains in arrival order (safe to change the chains while using them). */
  runningJobs(): Run[] {
    return chainToArray(this.runningFirst);
  }

  waitingJobs(): Request[] {
    return chainToArray(this.waitingFirst);
  }

  /** Scheduled time of the last time-trigger fire (ms), NaN before the first. */
  get lastFireAt(): number {
    return this.removed ? NaN : this.table.lastFireAt(this.row);
  }

  set lastFireAt(t: number) {
    // A removed task's row may already belong to another task.
    if (!this.removed) this.table.setLastFireAt(this.row, t);
  }

  /**
   * Remembers `job`'s execution as the last ended one. Not the record itself: keeping ten
   * thousand records (or even their id strings) alive for a second each would push every one
   * of them into V8's old space. Its id is kept as four integer words (see `writeUuidWords`).
   */
  setLastRun(job: Job): void {
    if (this.removed) return;
    this.table.setLastRun(
      this.row,
      job.id0,
      job.id1,
      job.id2,
      job.id3,
      job.status,
      job.startedAt ?? NaN,
      job.endedAt ?? NaN,
      job.proc?.exitCode ?? null,
    );
    this.lastError = job.error;
  }

  /** The last ended execution in brief, or null when none ended yet. */
  lastRun(): LastRun | null {
    const last = this.removed ? null : this.table.lastRun(this.row);
    if (last === null) return null;
    const [w0, w1, w2, w3] = last.words;
    return {
      id: uuidOfWords(w0, w1, w2, w3),
      status: last.status,
      startedAt: last.startedAt,
      endedAt: last.endedAt,
      exitCode: last.exitCode,
      error: this.lastError,
    };
  }
}

function chainToArray(first: Job | null): Job[] {
  const out: Job[] = [];
  for (let job = first; job !== null; job = job.nextInTask) out.push(job);
  return out;
}
