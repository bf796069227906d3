import type {
  ExecutionStatus,
  OutputChunk,
  ResourceSample,
} from '../../shared/schemas/execution.js';
import type { TaskState } from '../../shared/schemas/task.js';
import type { TraceOutcome } from '../../shared/schemas/trace.js';
import type { EventName, Trigger } from '../../shared/schemas/trigger.js';
import { AlarmQueue, MAX_WAIT_MS } from './alarm-queue.js';
import { hasConditions } from './conditions.js';
import { canonicalTask } from './canonical-task.js';
import type { ExecutionRecord } from './execution-record.js';
import { Executor, type ExecutorSettings, type Submission } from './executor.js';
import { describeTrigger } from './fire-detail.js';
import { executionIdOf, recordOf } from './job-record.js';
import { nextFire, type TimeTrigger } from './next-fire.js';
import type { Clock } from './ports/clock.js';
import type { ProcessRunner } from './ports/process-runner.js';
import type { ProcessSampler } from './ports/process-sampler.js';
import type { StateStore } from './ports/state-store.js';
import type { SystemReadings, SystemSignal, SystemSignals } from './ports/system-signals.js';
import type { Random } from './retry-delay.js';
import type { EngineTask } from './task-definition.js';
import {
  TaskRuntime,
  type EngineAlarm,
  type FireAlarm,
  type HeartbeatAlarm,
  type Job,
} from './task-runtime.js';
import { timerClock } from './timer-clock.js';
import { TaskTable } from './task-table.js';
import { LiveJobs } from './live-jobs.js';
import { TraceTable, type TraceRecord } from './trace-table.js';

/**
 * A fire handled this late counts as missed (the machine slept, or the process was stopped):
 * the task's missed-run policy applies instead of running every backlog fire.
 */
export const MISSED_AFTER_MS = 60_000;
/** How often the state file's heartbeat is written (and at stop). */
export const HEARTBEAT_MS = 60_000;
/** A backward wall-clock jump larger than this re-plans every time trigger. */
const BACKWARD_JUMP_MS = 1_000;
/** Distinct fire descriptions shared at most; beyond, sharing starts afresh. */
const MAX_SHARED_DETAILS = 4_096;
/** Missed fires counted one by one up to this many; beyond, "more than". */
const MISSED_COUNT_LIMIT = 1_000;

const NO_READINGS: SystemReadings = { onAcPower: null, idleMs: null, cpuPercent: null };

/** Everything the engine can be given; only the clock and the limit matter for function tasks. */
export interface EngineOptions extends Partial<Omit<ExecutorSettings, 'maxRunningTasks'>> {
  maxRunningTasks: number;
  clock?: Clock;
  runner?: ProcessRunner;
  sampler?: ProcessSampler;
  signals?: SystemSignals;
  stateStore?: StateStore;
  random?: Random;
  /**
   * Trace records each task keeps in memory (default 8): the library's answer to "why didn't it
   * run?". Hosts that keep the trace in their history store pass 0.
   */
  traceCapacity?: number;
}

/** The engine's typed events. */
export interface EngineEvents {
  /** An execution was queued, started or ended. */
  execution: [ExecutionRecord];
  output: [ExecutionRecord, OutputChunk[]];
  sample: [ExecutionRecord, ResourceSample];
  trace: [TraceRecord];
  /** Something shown about a task changed (state, next run, queue). */
  task: [string];
  /** Running or waiting counts, or the paused flag, changed. */
  scheduler: [];
  /** A one-time task finished its run and retries. */
  completed: [string];
}

type Listener<E extends keyof EngineEvents> = (...args: EngineEvents[E]) => void;

/** Every event's listeners, each list a named field: see `listeners`. */
type ListenerLists = { [E in keyof EngineEvents]: Listener<E>[] };

/**
 * The scheduler engine: tasks and their triggers, the one timer, firing, and the executor.
 * It touches the OS only through its ports, so it runs the same under a fake clock.
 */
export class Engine {
  readonly clock: Clock;
  /**
   * Every event's list exists from the start, in one fixed shape, and the per-fire "anyone
   * listening?" checks read a named field: a lookup by a variable event name was a keyed load
   * costing a few percent of every fire.
   */
  private readonly listeners: ListenerLists = {
    execution: [],
    output: [],
    sample: [],
    trace: [],
    task: [],
    scheduler: [],
    completed: [],
  };
  private readonly tasks = new Map<string, TaskRuntime>();
  private readonly alarms: AlarmQueue<EngineAlarm>;
  private readonly executor: Executor;
  private readonly byEvent = new Map<EventName, Set<TaskRuntime>>();
  private readonly byChain = new Map<string, Set<TaskRuntime>>();
  private readonly idleTasks = new Set<TaskRuntime>();
  private readonly signals: SystemSignals | null;
  private readonly stateStore: StateStore | null;
  private readonly random: Random;
  private readonly traces: TraceTable;
  /** Every task's per-fire numbers (see TaskTable). */
  private readonly table = new TaskTable();
  private readonly jobs = new LiveJobs();
  /** Fire descriptions by text, so equal ones are one string (see `fireDetail`). */
  private readonly details = new Map<string, string>();
  private unsubscribe: (() => void) | null = null;
  private heartbeat: HeartbeatAlarm | null = null;
  /**
   * The system's time zone, read when a cron trigger without a zone first needs it (null until
   * then): asking Intl loads ICU's zone data, ~6 MB of memory a scheduler of intervals never
   * needs. Once read, it is watched for changes (see `onWake`).
   */
  private zone: string | null = null;
  private zoneCheckedAt = -Infinity;
  private started = false;
  private startedAt: number;

  constructor(options: EngineOptions) {
    this.clock = options.clock ?? timerClock;
    this.signals = options.signals ?? null;
    this.stateStore = options.stateStore ?? null;
    this.random = options.random ?? Math.random;
    this.traces = new TraceTable(options.traceCapacity ?? 8);
    this.startedAt = this.clock.now();
    this.alarms = new AlarmQueue<EngineAlarm>(
      this.clock,
      (alarm, now, at) => {
        this.onDue(alarm, now, at);
      },
      (now, drift) => {
        this.executor.deferDispatch(true, now);
        this.onWake(now, drift);
      },
      () => {
        this.executor.deferDispatch(false);
      },
    );
    this.executor = new Executor(
      this.clock,
      this.alarms,
      {
        maxRunningTasks: options.maxRunningTasks,
        sampleIntervalMs: options.sampleIntervalMs ?? 1_000,
        outputTailBytes: options.outputTailBytes ?? 262_144,
        killGraceMs: options.killGraceMs ?? 5_000,
      },
      {
        // The hot path checks for listeners first: no argument arrays per fire when nobody listens.
        // A job's record exists only once someone needed it; if one holds it, it is kept current.
        execution: (job) => {
          if (this.listeners.execution.length > 0) this.emit('execution', recordOf(job));
          else if (job.record !== null) recordOf(job);
        },
        output: (job, chunks) => {
          if (this.listeners.output.length > 0) this.emit('output', recordOf(job), chunks);
          else if (job.record !== null) recordOf(job);
        },
        sample: (job, sample) => {
          if (this.listeners.sample.length > 0) this.emit('sample', recordOf(job), sample);
          else if (job.record !== null) recordOf(job);
        },
        trace: (task, outcome, reason, job, t) => {
          this.traceJob(task, outcome, reason, job, t);
        },
        taskChanged: (task) => {
          if (this.listeners.task.length > 0) this.emit('task', task.def.id);
          if (this.listeners.scheduler.length > 0) this.emit('scheduler');
        },
        settled: (task, job, final) => {
          this.onSettled(task, job.status, final);
        },
        readings: () => this.signals?.readings() ?? NO_READINGS,
      },
      this.random,
      options.runner ?? null,
      options.sampler ?? null,
      this.jobs,
    );
  }

  /** Adds a listener; returns the function that removes it. */
  on<E extends keyof ListenerLists>(event: E, listener: Listener<E>): () => void {
    const list: Listener<E>[] = this.listeners[event];
    list.push(listener);
    return () => {
      const index = list.indexOf(listener);
      if (index >= 0) list.splice(index, 1);
    };
  }

  // ---- tasks -------------------------------------------------------------------------------

  /**
   * Registers a task. `lastFireAt` (from the state store) lets start-up tell what was missed.
   * Before `start()`, triggers are armed at start; after, at once — from `now` when the caller
   * already read the clock (one reading per task when ten thousand register in a row).
   */
  add(
    def: EngineTask,
    options: { lastFireAt?: number | null; completed?: boolean; now?: number } = {},
  ): TaskRuntime {
    if (this.tasks.has(def.id)) throw new Error(`Task ${def.id} already exists`);
    const task = new TaskRuntime(canonicalTask(def), this.table, this.jobs);
    task.followers = this.byChain.get(def.id) ?? null;
    task.lastFireAt = options.lastFireAt ?? NaN;
    task.completed = options.completed ?? false;
    this.tasks.set(def.id, task);
    this.index(task);
    if (this.started) this.arm(task, options.now ?? this.clock.now());
    if (this.listeners.task.length > 0) this.emit('task', def.id);
    return task;
  }

  /**
   * Replaces a task's definition; it applies from the next fire (running ones keep theirs).
   * A definition that is disabled drops the task's waiting runs, as pausing does; `completed`
   * says whether a one-time task still counts as done (new triggers make it live again).
   */
  update(def: EngineTask, options: { completed?: boolean } = {}): TaskRuntime {
    const task = this.require(def.id);
    this.unindex(task);
    this.disarm(task);
    task.setDef(canonicalTask(def));
    if (options.completed !== undefined) task.completed = options.completed;
    if (!def.enabled)
      this.executor.dropWaiting(task, 'skipped', 'the task was paused before it started');
    this.index(task);
    if (this.started) this.arm(task, this.clock.now());
    this.emit('task', def.id);
    return task;
  }

  /** Removes a task: its running executions are cancelled, its waiting ones dropped. */
  remove(id: string): void {
    const task = this.require(id);
    task.removed = true;
    this.unindex(task);
    this.disarm(task);
    this.executor.dropWaiting(task, 'cancelled', 'the task was removed');
    this.executor.stopRunning(task, 'removed', 'the task was removed');
    this.tasks.delete(id);
    if (task.traceRow >= 0) this.traces.close(task.traceRow);
    task.traceRow = -1;
    this.table.close(task.row);
    this.emit('scheduler');
  }

  /** Stops new fires of a task; waiting runs are dropped, a running one finishes. */
  pause(id: string): TaskRuntime {
    const task = this.require(id);
    if (task.def.enabled) {
      task.setDef(canonicalTask({ ...task.def, enabled: false }));
      this.disarm(task);
      this.executor.dropWaiting(task, 'skipped', 'the task was paused before it started');
      this.emit('task', id);
    }
    return task;
  }

  /** Lets a paused task fire again, from now on (pausing is not missing). */
  resume(id: string): TaskRuntime {
    const task = this.require(id);
    if (!task.def.enabled) {
      task.setDef(canonicalTask({ ...task.def, enabled: true }));
      if (this.started) this.arm(task, this.clock.now());
      this.emit('task', id);
    }
    return task;
  }

  /** Runs a task by hand now (through the queue and its overlap policy). */
  runNow(id: string): Submission {
    const task = this.require(id);
    const now = this.clock.now();
    return this.executor.submit(task, 'manual', now, 'run by hand');
  }

  /** Fires an event by name, as if the system had signalled it (`manual` included). */
  emitEvent(event: EventName, detail: string = event): void {
    for (const task of this.byEvent.get(event) ?? []) this.fireEvent(task, detail);
  }

  /** Cancels a waiting or running execution; null if it is not live. */
  cancel(executionId: string): ExecutionRecord | null {
    return this.executor.cancel(executionId);
  }

  get(id: string): TaskRuntime | undefined {
    return this.tasks.get(id);
  }

  all(): IterableIterator<TaskRuntime> {
    return this.tasks.values();
  }

  get size(): number {
    return this.tasks.size;
  }

  // ---- the scheduler as a whole --------------------------------------------------------------

  /** Loads what the state store remembers, applies missed-run policies, and starts firing. */
  async start(): Promise<void> {
    if (this.started) return;
    const state = this.stateStore === null ? null : await this.stateStore.load();
    this.started = true;
    this.startedAt = this.clock.now();
    if (this.zone !== null) this.zone = this.clock.timeZone();
    const now = this.clock.now();
    for (const task of this.tasks.values()) {
      // A restart in the same process plans every trigger anew (stop left the old plan armed).
      this.disarm(task);
      const lastFire = Number.isNaN(task.lastFireAt)
        ? (state?.lastFires[task.def.id] ?? null)
        : task.lastFireAt;
      const since = state?.heartbeat ?? null;
      if (since !== null && !task.paused && !task.completed)
        this.catchUp(task, Math.max(since, lastFire ?? since), now);
      this.arm(task, now);
    }
    this.alarms.start();
    if (this.signals !== null) {
      this.unsubscribe = this.signals.subscribe((signal) => {
        this.onSignal(signal);
      });
    }
    if (this.stateStore !== null) this.armHeartbeat();
    this.emitEvent('app.start', 'Taskdeck started');
    this.emit('scheduler');
  }

  /**
   * Stops firing; gives running executions `graceMs` to finish, then interrupts the rest, and
   * writes the state file. Waiting executions end as cancelled.
   */
  async stop(graceMs = 0): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.alarms.stop();
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const task of this.tasks.values()) this.unwatch(task);
    this.executor.setPaused(true);
    for (const task of this.tasks.values())
      this.executor.dropWaiting(task, 'cancelled', 'Taskdeck stopped before it started');
    if (this.executor.runningCount > 0 && graceMs > 0) await this.waitIdle(graceMs);
    if (this.executor.runningCount > 0) {
      this.executor.interruptAll();
      await this.waitIdle(this.executor.killGraceMs + 2_000);
      this.executor.abandonAll();
    }
    await this.saveState();
    this.executor.setPaused(false);
  }

  pauseAll(): void {
    this.executor.setPaused(true);
    this.emit('scheduler');
  }

  resumeAll(): void {
    this.executor.setPaused(false);
    this.emit('scheduler');
  }

  /** Applies new executor settings (e.g. a new `maxRunningTasks`) at once. */
  configure(settings: Partial<ExecutorSettings>): void {
    this.executor.configure(settings);
    this.emit('scheduler');
  }

  status(): {
    paused: boolean;
    running: number;
    queued: number;
    maxRunningTasks: number;
    startedAt: number;
  } {
    // Taskdeck's own hidden work (housekeeping) is not the person's: it is not counted.
    const { running, queued } = this.executor.visibleCounts();
    return {
      paused: this.executor.paused,
      running,
      queued,
      maxRunningTasks: this.executor.maxRunningTasks,
      startedAt: this.startedAt,
    };
  }

  // ---- views ---------------------------------------------------------------------------------

  /** The state a task is in, as the window shows it. */
  stateOf(task: TaskRuntime): TaskState {
    if (task.completed) return 'completed';
    if (task.runningCount > 0) return 'running';
    if (task.waitingCount > 0) return 'queued';
    if (task.paused) return 'paused';
    return 'idle';
  }

  /** The next time a trigger of the task fires (ms), or null. */
  nextRunAt(task: TaskRuntime): number | null {
    let next: number | null = null;
    for (const alarm of task.fireAlarms) {
      if (alarm !== null && alarm.live && (next === null || alarm.at < next)) next = alarm.at;
    }
    return next;
  }

  /** Where a task's first waiting request is: its queue position and what holds it. */
  queueInfo(
    task: TaskRuntime,
    positions?: Map<unknown, number>,
  ): { queuePosition: number | null; heldBy: string | null } {
    const request = task.waitingFirst;
    if (request === null) return { queuePosition: null, heldBy: null };
    const position = (positions ?? this.executor.positions()).get(request) ?? null;
    const heldBy = request.heldBy ?? (this.executor.paused ? 'all tasks are paused' : null);
    return { queuePosition: position, heldBy };
  }

  /** Queue positions of every ready request, to build many views at once. */
  positions(): Map<unknown, number> {
    return this.executor.positions();
  }

  /** Executions waiting or running right now. */
  liveExecutions(): ExecutionRecord[] {
    return this.executor.liveExecutions();
  }

  live(executionId: string): ExecutionRecord | null {
    return this.executor.live(executionId);
  }

  /** The latest trace records of a task, newest first. */
  traceOf(id: string, limit: number): TraceRecord[] {
    const task = this.require(id);
    return task.traceRow < 0 ? [] : this.traces.latest(task.traceRow, id, limit);
  }

  /** Last fire per task, as the state file keeps it. */
  lastFires(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const task of this.tasks.values())
      if (!Number.isNaN(task.lastFireAt)) out[task.def.id] = task.lastFireAt;
    return out;
  }

  // ---- internals -----------------------------------------------------------------------------

  private emit<E extends keyof ListenerLists>(event: E, ...args: EngineEvents[E]): void {
    const list: Listener<E>[] = this.listeners[event];
    if (list.length === 0) return;
    for (const listener of list) {
      try {
        listener(...args);
      } catch (error) {
        // An observer's bug must not stop the scheduler.
        console.error(`Taskdeck: a "${event}" listener threw`, error);
      }
    }
  }

  private require(id: string): TaskRuntime {
    const task = this.tasks.get(id);
    if (task === undefined) throw new Error(`No task ${id}`);
    return task;
  }

  private trace(
    task: TaskRuntime,
    outcome: TraceOutcome,
    reason: string,
    executionId: string | null,
    t = this.clock.now(),
  ): void {
    if (!task.removed) {
      if (task.traceRow < 0) task.traceRow = this.traces.open();
      this.traces.push(task.traceRow, t, outcome, reason, executionId);
    }
    if (this.listeners.trace.length === 0) return;
    this.emit('trace', { t, taskId: task.def.id, outcome, reason, executionId });
  }

  /**
   * As `trace`, about an execution the executor holds (its id is kept without parsing), at the
   * executor's reading of the clock.
   */
  private traceJob(
    task: TaskRuntime,
    outcome: TraceOutcome,
    reason: string,
    job: Job | null,
    t: number,
  ): void {
    if (job === null) {
      this.trace(task, outcome, reason, null, t);
      return;
    }
    if (!task.removed) {
      if (task.traceRow < 0) task.traceRow = this.traces.open();
      this.traces.pushWords(task.traceRow, t, outcome, reason, job.id0, job.id1, job.id2, job.id3);
    }
    if (this.listeners.trace.length === 0) return;
    this.emit('trace', {
      t,
      taskId: task.def.id,
      outcome,
      reason,
      executionId: executionIdOf(job),
    });
  }

  private index(task: TaskRuntime): void {
    const { triggers, savedAt } = task.def;
    // Arrays of exactly the triggers' length (pushing into an empty array reserves 17 slots),
    // filled by a plain loop: no closure per task while ten thousand register.
    const count = triggers.length;
    const timeTriggers = new Array<TimeTrigger | null>(count);
    const fireAlarms = new Array<FireAlarm | null>(count);
    for (let i = 0; i < count; i++) {
      timeTriggers[i] = this.resolve(triggers[i] as Trigger, savedAt);
      fireAlarms[i] = null;
    }
    task.timeTriggers = timeTriggers;
    task.fireAlarms = fireAlarms;
    let oneTime = true;
    for (const trigger of triggers) if (trigger.type !== 'once') oneTime = false;
    task.oneTime = oneTime;
    task.conditional = hasConditions(task.def.conditions);

    for (const trigger of triggers) {
      if (trigger.type !== 'event') continue;
      if (trigger.taskId !== undefined) {
        let set = this.byChain.get(trigger.taskId);
        if (set === undefined) {
          this.byChain.set(trigger.taskId, (set = new Set()));
          const leader = this.tasks.get(trigger.taskId);
          if (leader !== undefined) leader.followers = set;
        }
        set.add(task);
      } else if (trigger.event === 'system.idle') {
        this.idleTasks.add(task);
        task.idleFired = task.def.triggers.map(() => false);
      } else {
        let set = this.byEvent.get(trigger.event);
        if (set === undefined) this.byEvent.set(trigger.event, (set = new Set()));
        set.add(task);
      }
    }
  }

  private unindex(task: TaskRuntime): void {
    for (const set of this.byEvent.values()) set.delete(task);
    for (const set of this.byChain.values()) set.delete(task);
    this.idleTasks.delete(task);
    this.unwatch(task);
  }

  private resolve(trigger: Trigger, savedAt: number): TimeTrigger | null {
    switch (trigger.type) {
      case 'interval':
        return {
          type: 'interval',
          everyMs: trigger.everyMs,
          startMs: trigger.startAt === undefined ? savedAt : Date.parse(trigger.startAt),
          jitterMs: trigger.jitterMs ?? 0,
        };
      case 'cron':
        return trigger;
      case 'once':
        return { ...trigger, atMs: Date.parse(trigger.at) };
      case 'event':
        return null;
    }
  }

  /** Arms every time trigger of a task from `from`, and its file watches. */
  private arm(task: TaskRuntime, from: number): void {
    if (task.paused || task.completed || task.removed) return;
    const timeTriggers = task.timeTriggers;
    for (let index = 0; index < timeTriggers.length; index++) {
      if (timeTriggers[index] !== null) this.armTrigger(task, index, from);
    }
    if (this.signals !== null && task.unwatchFiles === null) {
      for (const trigger of task.def.triggers) {
        if (
          trigger.type === 'event' &&
          trigger.event === 'file.changed' &&
          trigger.path !== undefined
        ) {
          const path = trigger.path;
          (task.unwatchFiles ??= []).push(
            this.signals.watchFile(path, () => {
              this.fireEvent(task, `file changed: ${path}`);
            }),
          );
        }
      }
    }
    this.maybeComplete(task);
  }

  /**
   * Where a trigger's next fire is looked for. A one-time trigger that never fired is due even if
   * its moment has passed (created late, or Taskdeck was not running); the missed-run policy
   * decides what a late fire does.
   */
  private planFrom(task: TaskRuntime, trigger: TimeTrigger, after: number): number {
    return trigger.type === 'once' && Number.isNaN(task.lastFireAt) ? -Infinity : after;
  }

  /** Arms a trigger's next fire after `after` with a new alarm; false when it fires no more. */
  private armTrigger(task: TaskRuntime, index: number, after: number): boolean {
    const trigger = task.timeTriggers[index];
    if (trigger === null || trigger === undefined) return false;
    const base = nextFire(
      trigger,
      this.planFrom(task, trigger, after),
      this.zoneFor(trigger),
      task.def.dst,
    );
    if (base === null) {
      task.fireAlarms[index] = null;
      return false;
    }
    const interval = trigger.type === 'interval';
    // Fields in the order a fire reads them: V8 lays them out so, and the alarm is the first
    // thing of its task a fire touches (cold after a second); `at` and `base` are read only
    // when re-armed, and `trigger` only when it is not an interval.
    const alarm: FireAlarm = {
      live: false,
      kind: 'fire',
      task,
      jitterMs: interval ? trigger.jitterMs : 0,
      everyMs: interval ? trigger.everyMs : 0,
      source: trigger.type,
      detail: null,
      retired: false,
      index,
      at: base,
      base,
      trigger,
    };
    alarm.at = this.jittered(alarm, base);
    task.fireAlarms[index] = alarm;
    this.alarms.add(alarm);
    return true;
  }

  /** Re-arms a trigger's own alarm for its next fire (no new object per fire). */
  private rearm(alarm: FireAlarm, previous: number, base: number): void {
    // Its lane is the step from the fire just handled: alarms of one period queue in order.
    const step = base - previous;
    alarm.base = base;
    alarm.at = this.jittered(alarm, base);
    this.alarms.add(alarm, step);
  }

  /** When a fire planned for `base` happens: intervals may spread by their jitter. */
  private jittered(alarm: FireAlarm, base: number): number {
    return alarm.jitterMs > 0 ? base + Math.floor(this.random() * (alarm.jitterMs + 1)) : base;
  }

  private disarm(task: TaskRuntime): void {
    for (const alarm of task.fireAlarms) if (alarm !== null) this.retire(alarm);
    task.fireAlarms = task.fireAlarms.map(() => null);
    this.unwatch(task);
  }

  private unwatch(task: TaskRuntime): void {
    for (const unwatch of task.unwatchFiles ?? []) unwatch();
    task.unwatchFiles = null;
  }

  private retire(alarm: FireAlarm): void {
    alarm.retired = true;
    this.alarms.cancel(alarm);
  }

  /**
   * How a trigger's fires are described, built on its first fire and kept on its alarm; tasks on
   * the same schedule share one string ("every 1 s" once, not ten thousand times).
   */
  private fireDetail(alarm: FireAlarm): string {
    if (alarm.detail !== null) return alarm.detail;
    const trigger = alarm.task.def.triggers[alarm.index];
    const text = trigger === undefined ? 'scheduled' : describeTrigger(trigger);
    let shared = this.details.get(text);
    if (shared === undefined) {
      if (this.details.size >= MAX_SHARED_DETAILS) this.details.clear();
      this.details.set(text, text);
      shared = text;
    }
    alarm.detail = shared;
    return shared;
  }

  private onDue(alarm: EngineAlarm, now: number, at: number): void {
    if (alarm.kind !== 'fire') {
      if (alarm.kind === 'heartbeat') {
        this.heartbeat = null;
        void this.saveState();
        this.armHeartbeat();
      } else {
        this.executor.onAlarm(alarm);
      }
      return;
    }
    const { task, index } = alarm;
    // Without jitter, a fire is due at its scheduled time: `at`, which the queue passed, so the
    // alarm's own number (a heap number a cache line away) is not read.
    const base = alarm.jitterMs > 0 ? alarm.base : at;
    // An interval's next fire is one period on (what nextFire computes), without reading the
    // trigger or the definition: ten thousand such fires a second each save two cache misses.
    let next =
      alarm.everyMs > 0
        ? base + alarm.everyMs
        : nextFire(alarm.trigger, base, this.zoneFor(alarm.trigger), task.def.dst);
    if (now - at >= MISSED_AFTER_MS) {
      let missed = 1;
      let last = base;
      while (next !== null && next <= now && missed < MISSED_COUNT_LIMIT) {
        missed++;
        last = next;
        next = nextFire(alarm.trigger, next, this.zoneFor(alarm.trigger), task.def.dst);
      }
      this.handleMissed(task, missed >= MISSED_COUNT_LIMIT ? null : missed, base, last);
      task.lastFireAt = last;
      // Unless a listener paused, edited or removed the task meanwhile, plan the next fire; a
      // spent one-time task is then complete even though its fire was skipped.
      if (alarm.retired) return;
      alarm.retired = true;
      if (!this.armTrigger(task, index, Math.max(now, last))) this.maybeComplete(task);
    } else {
      task.lastFireAt = base;
      this.executor.fire(task, alarm.source, base, this.fireDetail(alarm));
      // A listener may have paused, edited or removed the task meanwhile.
      if (alarm.retired) return;
      if (next === null) {
        task.fireAlarms[index] = null;
        this.maybeComplete(task);
      } else {
        this.rearm(alarm, base, next);
      }
    }
  }

  /** Applies a task's missed-run policy to fires it missed between `first` and `last`. */
  private handleMissed(task: TaskRuntime, count: number | null, first: number, last: number): void {
    const what = `${count === null ? `more than ${MISSED_COUNT_LIMIT}` : count} scheduled run${count === 1 ? '' : 's'} between ${new Date(first).toISOString()} and ${new Date(last).toISOString()}`;
    if (task.def.missedRuns === 'skip') {
      this.trace(task, 'missed', `missed ${what}; missed-run policy is skip`, null);
      this.emit('task', task.def.id);
      return;
    }
    const submission = this.executor.submit(task, 'catchUp', last, `catching up on ${what}`);
    if (count !== 1 && submission.execution !== null) {
      this.trace(
        task,
        'coalesced',
        `missed ${what}; ran once (missed-run policy runOnce)`,
        submission.execution.id,
      );
    }
  }

  /** Start-up: fires a task's triggers would have made between `since` and `now`. */
  private catchUp(task: TaskRuntime, since: number, now: number): void {
    let count = 0;
    let first = Infinity;
    let last = -Infinity;
    for (const trigger of task.timeTriggers) {
      if (trigger === null) continue;
      let next = nextFire(trigger, since, this.zoneFor(trigger), task.def.dst);
      while (next !== null && next <= now && count < MISSED_COUNT_LIMIT) {
        count++;
        first = Math.min(first, next);
        last = Math.max(last, next);
        next = nextFire(trigger, next, this.zoneFor(trigger), task.def.dst);
      }
    }
    if (count === 0) return;
    task.lastFireAt = last;
    this.handleMissed(task, count >= MISSED_COUNT_LIMIT ? null : count, first, last);
  }

  /** The zone `nextFire` needs for `trigger`: the system's for a cron trigger without one. */
  private zoneFor(trigger: TimeTrigger): string {
    if (trigger.type !== 'cron' || trigger.timezone !== undefined) return 'UTC';
    this.zone ??= this.clock.timeZone();
    return this.zone;
  }

  private onWake(now: number, drift: number): void {
    // Asking Intl for the zone costs microseconds; a busy engine wakes hundreds of times a
    // second, so the zone is re-read at most once per wait cap (and on every backward jump).
    let zoneChanged = false;
    if (
      this.zone !== null &&
      (drift < -BACKWARD_JUMP_MS ||
        now - this.zoneCheckedAt >= MAX_WAIT_MS ||
        now < this.zoneCheckedAt)
    ) {
      this.zoneCheckedAt = now;
      const zone = this.clock.timeZone();
      zoneChanged = zone !== this.zone;
      this.zone = zone;
    }
    if (drift >= -BACKWARD_JUMP_MS && !zoneChanged) return;
    // The clock went back or the zone changed: every affected trigger is planned anew from now.
    for (const task of this.tasks.values()) {
      task.timeTriggers.forEach((trigger, index) => {
        if (trigger === null) return;
        const alarm = task.fireAlarms[index];
        if (alarm === null || alarm === undefined) return;
        const zoneBound = trigger.type === 'cron' && trigger.timezone === undefined;
        if (drift >= -BACKWARD_JUMP_MS && !zoneBound) return;
        this.retire(alarm);
        this.armTrigger(task, index, now);
      });
      this.emit('task', task.def.id);
    }
  }

  private onSignal(signal: SystemSignal): void {
    switch (signal.type) {
      case 'readings':
        this.checkIdle();
        this.executor.recheckHeld();
        return;
      case 'system.resume':
        // Timers do not run during sleep: look at the schedule now rather than at the next wake.
        this.alarms.wakeNow();
        break;
      case 'power.ac':
      case 'power.battery':
        this.executor.recheckHeld();
        break;
      default:
        break;
    }
    this.emitEvent(signal.type);
  }

  private checkIdle(): void {
    if (this.idleTasks.size === 0) return;
    const idleMs = this.signals?.readings().idleMs ?? null;
    if (idleMs === null) return;
    for (const task of this.idleTasks) {
      task.def.triggers.forEach((trigger, index) => {
        if (
          trigger.type !== 'event' ||
          trigger.event !== 'system.idle' ||
          trigger.idleForMs === undefined
        )
          return;
        if (idleMs < trigger.idleForMs) {
          task.idleFired[index] = false;
        } else if (task.idleFired[index] !== true) {
          task.idleFired[index] = true;
          this.fireEvent(task, `idle for ${Math.round(idleMs / 1000)} s`);
        }
      });
    }
  }

  private fireEvent(task: TaskRuntime, detail: string): void {
    if (task.paused || task.completed || task.removed || !this.started) return;
    this.executor.fire(task, 'event', this.clock.now(), detail);
  }

  private onSettled(task: TaskRuntime, status: ExecutionStatus, final: boolean): void {
    if (!final) return;
    const followers = task.followers;
    if (followers !== null && followers.size > 0) this.chain(task, status, followers);
    this.maybeComplete(task);
  }

  private chain(task: TaskRuntime, status: ExecutionStatus, followers: Set<TaskRuntime>): void {
    const events: EventName[] = [];
    if (status === 'succeeded') events.push('task.succeeded', 'task.finished');
    if (status === 'failed' || status === 'timed-out') events.push('task.failed', 'task.finished');
    if (events.length === 0) return;
    for (const follower of followers) {
      const wanted = follower.def.triggers.some(
        (trigger) =>
          trigger.type === 'event' &&
          trigger.taskId === task.def.id &&
          events.includes(trigger.event),
      );
      if (wanted) this.fireEvent(follower, `after "${task.def.name}" ${status}`);
    }
  }

  /** A one-time task is complete once its fires are spent and nothing of it waits or runs. */
  private maybeComplete(task: TaskRuntime): void {
    if (task.completed || task.removed || !task.oneTime || !this.started) return;
    if (task.fireAlarms.some((alarm) => alarm !== null && alarm.live)) return;
    // A paused task has nothing armed: a run by hand must not use up a moment still to come.
    if (task.paused && this.hasMomentLeft(task)) return;
    if (task.runningCount > 0 || task.waitingCount > 0) return;
    task.completed = true;
    this.emit('task', task.def.id);
    this.emit('completed', task.def.id);
  }

  /** Whether a one-time task has a moment it has not fired yet (what arming it would plan). */
  private hasMomentLeft(task: TaskRuntime): boolean {
    const last = task.lastFireAt;
    return task.timeTriggers.some(
      (trigger) =>
        trigger !== null &&
        nextFire(
          trigger,
          this.planFrom(task, trigger, last),
          this.zoneFor(trigger),
          task.def.dst,
        ) !== null,
    );
  }

  private armHeartbeat(): void {
    if (this.heartbeat !== null) return;
    this.heartbeat = { kind: 'heartbeat', at: this.clock.now() + HEARTBEAT_MS, live: false };
    this.alarms.add(this.heartbeat);
  }

  private async saveState(): Promise<void> {
    if (this.stateStore === null) return;
    try {
      await this.stateStore.save({ lastFires: this.lastFires(), heartbeat: this.clock.now() });
    } catch (error) {
      console.error('Taskdeck: could not write the scheduler state', error);
    }
  }

  private waitIdle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const cancel = this.clock.setTimer(ms, resolve);
      void this.executor.whenIdle().then(() => {
        cancel();
        resolve();
      });
    });
  }
}
