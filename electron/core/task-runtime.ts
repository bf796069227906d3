import type { Alarm } from './alarm-queue.js';
import type { ExecutionStatus } from '../../shared/schemas/execution.js';
import type { ExecutionRecord } from './execution-record.js';
import type { TimeTrigger } from './next-fire.js';
import type { RunningProcess } from './ports/process-runner.js';
import type { QueueItem } from './ready-queue.js';
import type { ResourceTracker } from './resource-tracker.js';
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
 * made from it only when someone needs one (see `recordOf`), so a fire allocates once. The
 * execution's own fields are its record's (`ExecutionFields`), but for `firstExecutionId`.
 */
export interface Job extends QueueItem, ExecutionFields {
  /** The execution id's words (see `writeUuidWords`); its string is made on demand. */
  id0: number;
  id1: number;
  id2: number;
  id3: number;
  task: TaskRuntime;
  /** Its record once someone needed it, kept up to date from here on (see `recordOf`). */
  record: ExecutionRecord | null;
  /** The first attempt's execution id; null on the first attempt (its own id). */
  firstExecutionId: string | null;
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
  /** Its slot among the live jobs (see `LiveJobs`); NO_SLOT once it ended. */
  slot: number;
  /** Neighbours in its task's waiting or running chain (see `TaskRuntime`). */
  prevInTask: Job | null;
  nextInTask: Job | null;
}

/** What a job holds of its execution, as the record shows it. */
type ExecutionFields = Pick<
  ExecutionRecord,
  | 'attempt'
  | 'source'
  | 'detail'
  | 'status'
  | 'scheduledAt'
  | 'queuedAt'
  | 'startedAt'
  | 'endedAt'
  | 'error'
  | 'result'
>;

/** A command's running process and what its execution record shows of it. */
export interface ProcessRun extends Pick<
  ExecutionRecord,
  | 'pid'
  | 'pgid'
  | 'startToken'
  | 'exitCode'
  | 'signal'
  | 'outputBytes'
  | 'output'
  | 'resources'
  | 'samples'
> {
  process: RunningProcess;
  /** Its resource readings; null when it has no pid or nothing samples. */
  tracker: ResourceTracker | null;
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

/** The slot of no job (see `JobSlots`). */
export const NO_SLOT = -1;

/** Live jobs by slot (the engine's `LiveJobs`), through which tasks name their chains' ends. */
export interface JobSlots {
  /** The job in `slot`; null for NO_SLOT. */
  at(slot: number): Job | null;
}

/** Bits of `TaskRuntime.flags`. */
const HIDDEN = 1;
const CONDITIONAL = 2;
const HAS_PENDING = 4;
const COMPLETED = 8;
const REMOVED = 16;
const ONE_TIME = 32;

/**
 * Everything the engine tracks about one task (kept lean: ten thousand of them are normal).
 * Fields are declared hottest first: V8 lays them out in this order, and a fire reads or writes
 * only those before `id`, about two and a half cache lines; ten thousand tasks that fire once a
 * second are out of the cache each time, so every further line a fire reads costs a miss. For
 * that, its yes/no facts share one field (`flags`, read through the accessors below). What a
 * fire needs of the definition is copied here by `setDef` (a task's definition is a separate
 * object).
 */
export class TaskRuntime {
  def: EngineTask;
  runningCount = 0;
  waitingCount = 0;
  /**
   * The task's running and waiting jobs, in arrival order, threaded through the jobs; their ends
   * are named by slot in `jobs` (why: see LiveJobs).
   */
  private runningHead = NO_SLOT;
  private runningTail = NO_SLOT;
  private waitingHead = NO_SLOT;
  private waitingTail = NO_SLOT;
  /** Copies of `def` fields (see `setDef`); `run` is a function action's, null for a command. */
  run: FunctionAction['run'] | null = null;
  /** hidden, conditional, hasPending, completed, removed and oneTime (see their accessors). */
  private flags = 0;
  overlap: OverlapPolicy = 'skip';
  priority = 0;
  timeoutMs: number | null = null;
  /** The task's row in the engine's trace table, opened on its first entry (-1: none yet). */
  traceRow = -1;
  /** This task's row in `table` (its per-fire numbers). */
  readonly row: number;
  private readonly table: TaskTable;
  private readonly jobs: JobSlots;
  /** The last run's error (rarely anything but null); its numbers live in the task table. */
  lastError: string | null = null;
  /** Tasks chained to this one's runs (the engine's shared set for its id), if any. */
  followers: Set<TaskRuntime> | null = null;
  // Read by no fire that succeeds:
  id: string;
  name: string;
  maxRetries = 0;
  /** Time triggers resolved for the scheduler, aligned with `def.triggers` (null: not timed). */
  timeTriggers: (TimeTrigger | null)[] = [];
  fireAlarms: (FireAlarm | null)[] = [];
  /** Per trigger: whether an idle trigger already fired in the current idle period. */
  idleFired: boolean[] = NO_FLAGS;
  /** Stops watching the task's files; null while it watches none. */
  unwatchFiles: (() => void)[] | null = null;

  constructor(def: EngineTask, table: TaskTable, jobs: JobSlots) {
    this.def = def;
    this.table = table;
    this.jobs = jobs;
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

  get hidden(): boolean {
    return (this.flags & HIDDEN) !== 0;
  }

  set hidden(on: boolean) {
    this.setFlag(HIDDEN, on);
  }

  /** True when the task has conditions to check before it starts (set on index). */
  get conditional(): boolean {
    return (this.flags & CONDITIONAL) !== 0;
  }

  set conditional(on: boolean) {
    this.setFlag(CONDITIONAL, on);
  }

  /**
   * Whether requests may wait for this task's running one to finish (overlap other than
   * parallel): a run's end walks the task's waiting requests only then.
   */
  get hasPending(): boolean {
    return (this.flags & HAS_PENDING) !== 0;
  }

  set hasPending(on: boolean) {
    this.setFlag(HAS_PENDING, on);
  }

  get completed(): boolean {
    return (this.flags & COMPLETED) !== 0;
  }

  set completed(on: boolean) {
    this.setFlag(COMPLETED, on);
  }

  get removed(): boolean {
    return (this.flags & REMOVED) !== 0;
  }

  set removed(on: boolean) {
    this.setFlag(REMOVED, on);
  }

  /** True when every trigger is one-time: such a task completes after its run (set on index). */
  get oneTime(): boolean {
    return (this.flags & ONE_TIME) !== 0;
  }

  set oneTime(on: boolean) {
    this.setFlag(ONE_TIME, on);
  }

  private setFlag(bit: number, on: boolean): void {
    this.flags = on ? this.flags | bit : this.flags & ~bit;
  }

  get paused(): boolean {
    return !this.def.enabled;
  }

  /** The task's first running job, if any. */
  get runningFirst(): Run | null {
    return this.jobs.at(this.runningHead);
  }

  /** The task's first waiting job, if any. */
  get waitingFirst(): Request | null {
    return this.jobs.at(this.waitingHead);
  }

  /** Appends `job` (live in `jobs`) to the running chain. */
  addRunning(job: Run): void {
    if (this.linkAfter(job, this.runningTail)) this.runningHead = job.slot;
    this.runningTail = job.slot;
    this.runningCount++;
  }

  /** Removes `job`, which must be running. */
  removeRunning(job: Run): void {
    if (job.prevInTask === null) this.runningHead = slotOf(job.nextInTask);
    if (job.nextInTask === null) this.runningTail = slotOf(job.prevInTask);
    unlink(job);
    this.runningCount--;
  }

  /** Appends `job` (live in `jobs`) to the waiting chain. */
  addWaiting(job: Request): void {
    if (this.linkAfter(job, this.waitingTail)) this.waitingHead = job.slot;
    this.waitingTail = job.slot;
    this.waitingCount++;
  }

  /** Removes `job`, which must be waiting. */
  removeWaiting(job: Request): void {
    if (job.prevInTask === null) this.waitingHead = slotOf(job.nextInTask);
    if (job.nextInTask === null) this.waitingTail = slotOf(job.prevInTask);
    unlink(job);
    this.waitingCount--;
  }

  /** Links `job` after the job in slot `tail`; true when the chain was empty. */
  private linkAfter(job: Job, tail: number): boolean {
    const last = this.jobs.at(tail);
    job.prevInTask = last;
    job.nextInTask = null;
    if (last === null) return true;
    last.nextInTask = job;
    return false;
  }

  /** Snapshots of the chains in arrival order (safe to change the chains while using them). */
  runningJobs(): Run[] {
    return chainToArray(this.jobs.at(this.runningHead));
  }

  waitingJobs(): Request[] {
    return chainToArray(this.jobs.at(this.waitingHead));
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

function slotOf(job: Job | null): number {
  return job === null ? NO_SLOT : job.slot;
}

/** Takes `job` out of its chain's links (the chain's ends are its owner's to mend). */
function unlink(job: Job): void {
  const prev = job.prevInTask;
  const next = job.nextInTask;
  if (prev !== null) prev.nextInTask = next;
  if (next !== null) next.prevInTask = prev;
  job.prevInTask = null;
  job.nextInTask = null;
}

function chainToArray(first: Job | null): Job[] {
  const out: Job[] = [];
  for (let job = first; job !== null; job = job.nextInTask) out.push(job);
  return out;
}
