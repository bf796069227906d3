import type {
  ExecutionStatus,
  FireSource,
  OutputChunk,
  ResourceSample,
} from '../../shared/schemas/execution.js';
import type { TraceOutcome } from '../../shared/schemas/trace.js';
import type { AlarmQueue } from './alarm-queue.js';
import { unmetCondition } from './conditions.js';
import { NO_RESOURCES, NONE, type ExecutionRecord } from './execution-record.js';
import { formatDuration } from './format-duration.js';
import type { Clock } from './ports/clock.js';
import type { ProcessOutcome, ProcessRunner } from './ports/process-runner.js';
import type { ProcessSampler, TreeReading } from './ports/process-sampler.js';
import type { SystemReadings } from './ports/system-signals.js';
import { priorityKey, ReadyQueue } from './ready-queue.js';
import { ResourceTracker } from './resource-tracker.js';
import { retryDelay, type Random } from './retry-delay.js';
import { emptyList } from './list-in-place.js';
import type { LiveJobs } from './live-jobs.js';
import { lastUuidWords, newUuidWords } from './ids.js';
import { executionIdOf, recordOf } from './job-record.js';
import { FunctionRunContext } from './run-context.js';
import type { CommandAction } from '../../shared/schemas/action.js';
import type { FunctionAction } from './task-definition.js';
import {
  NO_SLOT,
  type EngineAlarm,
  type Job,
  type Request,
  type RequestAlarm,
  type Run,
  type RunAlarm,
  type StopReason,
  type TaskRuntime,
  type SampleAlarm,
} from './task-runtime.js';

/** Settings the executor follows; changes apply at once. */
export interface ExecutorSettings {
  maxRunningTasks: number;
  sampleIntervalMs: number;
  outputTailBytes: number;
  killGraceMs: number;
}

/** What became of a firing handed to the executor. */
export interface Submission {
  outcome: TraceOutcome;
  reason: string;
  /** The execution created, or the existing one a firing was coalesced into. */
  execution: ExecutionRecord | null;
}

/** What the executor tells the engine. */
export interface ExecutorHooks {
  /** A job's execution changed (see `recordOf` for its record). */
  execution(job: Job): void;
  output(job: Job, chunks: OutputChunk[]): void;
  sample(job: Job, sample: ResourceSample): void;
  /**
   * A trace entry about `job`'s execution (or none), at `t`: the turn's clock reading, so a fire
   * does not read the clock again for its entry.
   */
  trace(task: TaskRuntime, outcome: TraceOutcome, reason: string, job: Job | null, t: number): void;
  /** A task's waiting or running set changed. */
  taskChanged(task: TaskRuntime): void;
  /** An execution reached a final status; `final` is false when a retry follows. */
  settled(task: TaskRuntime, job: Job, final: boolean): void;
  readings(): SystemReadings;
}

const STOP_STATUS: Record<StopReason, ExecutionStatus> = {
  timeout: 'timed-out',
  cancel: 'cancelled',
  replaced: 'cancelled',
  memory: 'failed',
  shutdown: 'interrupted',
  removed: 'cancelled',
};

/**
 * Schedules settling turns. Node's `queueMicrotask` wraps every callback in an AsyncResource
 * (a measurable share of a fire); a `then` on a settled promise is a bare microtask.
 */
const SETTLED = Promise.resolve();

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : 'The function failed';
}

/**
 * Runs fired requests: the ready queue (priority heap), `maxRunningTasks` slots, the overlap
 * policy, conditions, retries, timeouts, cancellation and resource sampling.
 */
export class Executor {
  private readonly ready = new ReadyQueue<Request>();
  private readonly held = new Set<Request>();
  /** Requests admitted since the last dispatch; they join the heap only if they must wait. */
  private incoming: Request[] = [];
  private settleQueue: Run[] = [];
  /**
   * The other half of each double buffer above: swapped in while one is processed, then emptied
   * with pop (which keeps its storage; `= []` or `length = 0` would allocate anew per fire).
   */
  private incomingSpare: Request[] = [];
  private settleSpare: Run[] = [];
  /** Runs and waiting requests of hidden tasks (housekeeping), so status counts stay O(1). */
  private hiddenRunning = 0;
  private hiddenWaiting = 0;
  /** Why the last refused firing was refused (what `submit` reports). */
  private refusal: Submission = { outcome: 'skipped', reason: '', execution: null };
  private runningTotal = 0;
  private waitingTotal = 0;
  private readonly sampled = new Set<Run>();
  private sampleAlarm: SampleAlarm | null = null;
  private sampling = false;
  private seq = 0;
  private dispatching = false;
  private deferred = false;
  /**
   * One clock reading for a synchronous turn — a wake's fires and the starts they lead to, or
   * one batch of settling functions — so what happens together is stamped together and ten
   * thousand fires a second do not read the clock three times each. NaN outside such a turn.
   */
  private turnNow = NaN;
  private idleWaiters: (() => void)[] = [];
  paused = false;

  constructor(
    private readonly clock: Clock,
    private readonly alarms: AlarmQueue<EngineAlarm>,
    private settings: ExecutorSettings,
    private readonly hooks: ExecutorHooks,
    private readonly random: Random,
    private readonly runner: ProcessRunner | null,
    private readonly sampler: ProcessSampler | null,
    /** Every live job; shared with the tasks, whose chains name jobs by their slots here. */
    private readonly jobs: LiveJobs,
  ) {}

  get runningCount(): number {
    return this.runningTotal;
  }

  get waitingCount(): number {
    return this.waitingTotal;
  }

  /** Running and waiting counts without Taskdeck's own hidden work. */
  visibleCounts(): { running: number; queued: number } {
    return {
      running: this.runningTotal - this.hiddenRunning,
      queued: this.waitingTotal - this.hiddenWaiting,
    };
  }

  get maxRunningTasks(): number {
    return this.settings.maxRunningTasks;
  }

  get killGraceMs(): number {
    return this.settings.killGraceMs;
  }

  /** Applies new settings; a larger `maxRunningTasks` starts waiting requests at once. */
  configure(settings: Partial<ExecutorSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.dispatch();
  }

  /**
   * While deferred, fired requests only queue; ending the deferral starts them in priority
   * order. The engine defers while it handles one wake's due alarms, which fired "together".
   */
  deferDispatch(deferred: boolean, now = NaN): void {
    this.deferred = deferred;
    if (deferred) {
      this.turnNow = now;
      return;
    }
    try {
      this.dispatch();
    } finally {
      this.turnNow = NaN;
    }
  }

  /** The turn's clock reading (see `turnNow`), else a fresh one. */
  private now(): number {
    return Number.isNaN(this.turnNow) ? this.clock.now() : this.turnNow;
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused) this.dispatch();
  }

  /** A firing: applies the task's overlap policy, then queues, holds or starts it. */
  submit(task: TaskRuntime, source: FireSource, scheduledAt: number, detail: string): Submission {
    const request = this.offer(task, source, scheduledAt, detail);
    if (request === null) return this.refusal;
    if (request.place === 'gone') {
      // It started at once, or a listener dropped it before it could.
      const outcome = request.startedAt === null ? 'skipped' : 'ran';
      return { outcome, reason: request.error ?? detail, execution: recordOf(request) };
    }
    return {
      outcome: request.place === 'held' ? 'held' : 'queued',
      reason: request.heldBy ?? detail,
      execution: recordOf(request),
    };
  }

  /** A firing from the schedule: as `submit`, without building a report (the hot path). */
  fire(task: TaskRuntime, source: FireSource, scheduledAt: number, detail: string): void {
    this.offer(task, source, scheduledAt, detail);
  }

  /** Applies the overlap policy; returns the new request, or null (see `refusal`) when refused. */
  private offer(
    task: TaskRuntime,
    source: FireSource,
    scheduledAt: number,
    detail: string,
  ): Request | null {
    const running = task.runningCount;
    const waiting = task.waitingCount;
    if (running > 0 || waiting > 0) {
      const def = task.def;
      const firstWaiting = task.waitingFirst;
      switch (task.overlap) {
        case 'skip':
          if (running > 0) {
            return this.refuse(
              task,
              'skipped',
              'the previous run is still running (overlap: skip)',
              task.runningFirst,
            );
          }
          return this.refuse(task, 'coalesced', 'a run is already waiting to start', firstWaiting);
        case 'queue':
          if (waiting > 0)
            return this.refuse(
              task,
              'coalesced',
              'a run is already waiting (overlap: queue keeps one)',
              firstWaiting,
            );
          break;
        case 'parallel':
          if (running + waiting >= def.maxParallel) {
            return this.refuse(
              task,
              'skipped',
              `${def.maxParallel} runs already running or waiting (maxParallel)`,
              task.runningFirst ?? firstWaiting,
            );
          }
          break;
        case 'replace':
          if (waiting > 0)
            return this.refuse(
              task,
              'coalesced',
              'a replacing run is already waiting',
              firstWaiting,
            );
          for (const run of task.runningJobs())
            this.stop(run, 'replaced', 'replaced by a newer run (overlap: replace)');
          break;
      }
    }
    const now = this.now();
    newUuidWords();
    const request = this.enlist(task, source, detail, scheduledAt, now, 1, null);
    if (running > 0 && task.overlap === 'replace') {
      const replaced = task.runningFirst;
      this.traceOnce(
        request,
        'queued',
        `replaces the running run ${replaced === null ? '' : executionIdOf(replaced)}, asked to stop (overlap: replace)`,
      );
    }
    this.hooks.execution(request);
    // A listener may have dropped it already (it paused or removed the task).
    if (request.place === 'gone') return request;
    this.admit(request);
    this.dispatch();
    return request;
  }

  /** Cancels a waiting or running execution; returns it, or null if it is not live. */
  cancel(executionId: string): ExecutionRecord | null {
    const job = this.jobs.find(executionId);
    if (job === undefined) return null;
    if (job.status === 'running') this.stop(job, 'cancel', 'cancelled');
    else this.drop(job, 'cancelled', 'cancelled before it started');
    return recordOf(job);
  }

  /** Ends every waiting request of a task (paused or removed) with `status`. */
  dropWaiting(task: TaskRuntime, status: ExecutionStatus, error: string): void {
    for (const request of task.waitingJobs()) this.drop(request, status, error);
  }

  /** Stops every running execution of a task. */
  stopRunning(task: TaskRuntime, reason: StopReason, detail: string): void {
    for (const run of task.runningJobs()) this.stop(run, reason, detail);
  }

  /** The live execution with this id (waiting or running), if any. */
  live(executionId: string): ExecutionRecord | null {
    const job = this.jobs.find(executionId);
    return job === undefined ? null : recordOf(job);
  }

  /** Every live execution: running first, then waiting. */
  liveExecutions(): ExecutionRecord[] {
    const running: ExecutionRecord[] = [];
    const waiting: ExecutionRecord[] = [];
    for (const job of this.jobs.toArray())
      (job.status === 'running' ? running : waiting).push(recordOf(job));
    return [...running, ...waiting];
  }

  /** 1-based positions of ready requests in the order they would start. */
  positions(): Map<Request, number> {
    const out = new Map<Request, number>();
    let position = 0;
    for (const request of this.ready.ordered()) {
      // Taskdeck's own hidden work waits like any request but is not counted ahead of a person's.
      if (!request.task.hidden) out.set(request, ++position);
    }
    return out;
  }

  /** Re-checks held requests (readings changed). */
  recheckHeld(): void {
    for (const request of [...this.held]) {
      this.held.delete(request);
      this.admit(request);
    }
    this.dispatch();
  }

  /** Handles the executor's alarms. */
  onAlarm(alarm: RequestAlarm | RunAlarm | SampleAlarm): void {
    switch (alarm.kind) {
      case 'sample':
        this.sampleAlarm = null;
        this.sampleAll();
        break;
      case 'retry':
      case 'deadline':
        this.onRequestAlarm(alarm);
        break;
      case 'timeout':
      case 'abandon':
        this.onRunAlarm(alarm);
        break;
    }
  }

  private onRequestAlarm(alarm: RequestAlarm): void {
    // Only cancelled alarms have let their request go, and those never come due.
    const request = alarm.request;
    if (request === null) return;
    request.alarm = null;
    if (alarm.kind === 'retry') {
      this.admit(request);
      this.dispatch();
    } else if (request.place === 'held') {
      this.held.delete(request);
      this.ready.push(request);
      request.place = 'ready';
      request.heldBy = null;
      this.hooks.trace(
        request.task,
        'queued',
        'deadline reached; running without its conditions',
        request,
        this.now(),
      );
      this.dispatch();
    }
  }

  private onRunAlarm(alarm: RunAlarm): void {
    const run = alarm.run;
    if (run === null) return;
    if (alarm.kind === 'timeout') {
      run.timeout = null;
      this.stop(run, 'timeout', `timed out after ${formatDuration(run.def.timeoutMs ?? 0)}`);
    } else {
      run.abandon = null;
      if (run.status === 'running') {
        // A function that ignores its AbortSignal cannot be killed; free its slot and move on.
        this.finish(
          run,
          STOP_STATUS[run.stopReason ?? 'cancel'],
          `${run.stopDetail ?? 'stopped'}; the function ignored its AbortSignal and was abandoned`,
        );
      }
    }
  }

  /** Resolves once nothing is running (immediately if nothing is). */
  whenIdle(): Promise<void> {
    if (this.runningTotal === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops everything for shutdown: waiting requests end, running ones are interrupted. */
  interruptAll(): void {
    const jobs = this.jobs.toArray();
    for (const request of jobs)
      if (request.status !== 'running')
        this.drop(request, 'cancelled', 'Taskdeck stopped before it started');
    for (const run of jobs)
      if (run.status === 'running')
        this.stop(run, 'shutdown', 'Taskdeck stopped while it was running');
  }

  /** Ends runs that did not stop when asked (functions ignoring their signal) as interrupted. */
  abandonAll(): void {
    for (const run of this.jobs.toArray()) {
      if (run.status !== 'running') continue;
      this.finish(
        run,
        'interrupted',
        `${run.stopDetail ?? 'stopped'}; it did not stop in time and was abandoned`,
      );
    }
  }

  /**
   * Registers a new waiting request: a new execution, whose id is the one `newUuidWords` drew
   * last (positional arguments: this runs once per fire).
   */
  private enlist(
    task: TaskRuntime,
    source: FireSource,
    detail: string,
    scheduledAt: number,
    now: number,
    attempt: number,
    firstExecutionId: string | null,
  ): Request {
    // A deadline only lets a request held by its conditions run anyway: most tasks have none,
    // and their definition is not read at all.
    const deadlineMs = task.conditional ? task.def.conditions.deadlineMs : null;
    const request: Request = {
      id0: lastUuidWords[0] as number,
      id1: lastUuidWords[1] as number,
      id2: lastUuidWords[2] as number,
      id3: lastUuidWords[3] as number,
      task,
      record: null,
      attempt,
      firstExecutionId,
      source,
      detail,
      status: 'queued',
      scheduledAt,
      queuedAt: now,
      startedAt: null,
      endedAt: null,
      error: null,
      result: null,
      proc: null,
      key: priorityKey(task.priority, scheduledAt),
      seq: this.seq++,
      queued: false,
      place: 'pending',
      heldBy: null,
      deadline: deadlineMs === null ? null : now + deadlineMs,
      alarm: null,
      traced: false,
      def: task.def,
      controller: null,
      stopReason: null,
      stopDetail: null,
      timeout: null,
      abandon: null,
      syncOk: true,
      syncValue: undefined,
      slot: NO_SLOT,
      prevInTask: null,
      nextInTask: null,
    };
    // Its slot first: the task's chain names it by slot.
    this.jobs.add(request);
    task.addWaiting(request);
    this.waitingTotal++;
    if (task.hidden) this.hiddenWaiting++;
    return request;
  }

  private refuse(task: TaskRuntime, outcome: TraceOutcome, reason: string, job: Job | null): null {
    this.hooks.trace(task, outcome, reason, job, this.now());
    this.refusal = { outcome, reason, execution: job === null ? null : recordOf(job) };
    return null;
  }

  /** Puts a request where it belongs now: waiting for its task, held, or ready. */
  private admit(request: Request): void {
    const task = request.task;
    if (task.overlap !== 'parallel' && task.runningCount > 0) {
      request.place = 'pending';
      request.heldBy = 'waiting for the previous run to finish';
      task.hasPending = true;
      this.traceOnce(request, 'queued', request.heldBy);
      return;
    }
    const unmet = this.unmet(request);
    if (unmet !== null) {
      this.hold(request, unmet);
      return;
    }
    request.place = 'ready';
    request.heldBy = null;
    this.incoming.push(request);
  }

  private unmet(request: Request): string | null {
    if (!request.task.conditional) return null;
    const conditions = request.task.def.conditions;
    if (request.deadline !== null && this.now() >= request.deadline) return null;
    return unmetCondition(conditions, this.hooks.readings());
  }

  private hold(request: Request, reason: string): void {
    const changed = request.heldBy !== reason;
    request.place = 'held';
    request.heldBy = reason;
    this.held.add(request);
    if (changed) {
      request.traced = true;
      this.hooks.trace(request.task, 'held', reason, request, this.now());
      this.hooks.taskChanged(request.task);
    }
    if (request.deadline !== null && request.alarm === null) {
      request.alarm = { kind: 'deadline', at: request.deadline, live: false, request };
      this.alarms.add(request.alarm);
    }
  }

  private traceOnce(request: Request, outcome: TraceOutcome, reason: string): void {
    if (request.traced) return;
    request.traced = true;
    this.hooks.trace(request.task, outcome, reason, request, this.now());
  }

  /** Starts ready requests while slots are free, in priority order. */
  private dispatch(): void {
    if (this.dispatching || this.deferred) return;
    this.dispatching = true;
    try {
      // A function started in a round may ask for more runs from its body (runNow): they arrive
      // meanwhile and are taken in the next round rather than waiting for some later dispatch.
      do this.dispatchRound();
      while (this.incoming.length > 0);
    } finally {
      this.dispatching = false;
    }
  }

  /** One round of `dispatch`: the requests that arrived since the last, then the queue. */
  private dispatchRound(): void {
    const incoming = this.incoming;
    this.incoming = this.incomingSpare;
    this.incomingSpare = incoming;
    try {
      if (incoming.length > 0) {
        const free = this.settings.maxRunningTasks - this.runningTotal;
        if (!this.paused && this.ready.size === 0 && incoming.length <= free) {
          // Everything that arrived can start now, so no order among them matters: no heap.
          for (const request of incoming) if (request.place === 'ready') this.launch(request);
        } else {
          for (const request of incoming) if (request.place === 'ready') this.ready.push(request);
        }
      }
      while (!this.paused && this.runningTotal < this.settings.maxRunningTasks) {
        const request = this.ready.pop();
        if (request === undefined) break;
        this.launch(request);
      }
      // Only requests that just arrived and could not start get their "queued" trace: no walk
      // over the whole queue per dispatch.
      for (const request of incoming) {
        if (request.traced || request.place !== 'ready') continue;
        const reason = this.paused
          ? 'all tasks are paused'
          : `waiting for a free slot (${this.runningTotal} of ${this.settings.maxRunningTasks} running)`;
        this.traceOnce(request, 'queued', reason);
        this.hooks.taskChanged(request.task);
      }
    } finally {
      emptyList(incoming);
    }
  }

  /** Starts a request taken from the queue, unless a condition or its own task holds it back. */
  private launch(request: Request): void {
    request.place = 'pending';
    const unmet = this.unmet(request);
    if (unmet !== null) {
      this.hold(request, unmet);
    } else if (request.task.overlap !== 'parallel' && request.task.runningCount > 0) {
      this.admit(request);
    } else {
      this.start(request);
    }
  }

  private start(request: Request): void {
    const task = request.task;
    this.unlist(request);
    const now = this.now();
    request.status = 'running';
    request.startedAt = now;
    const run: Run = request;
    run.def = task.def;
    this.runningTotal++;
    task.addRunning(run);
    if (task.hidden) this.hiddenRunning++;
    if (task.timeoutMs !== null) {
      run.timeout = { kind: 'timeout', at: now + task.timeoutMs, live: false, run };
      this.alarms.add(run.timeout);
    }
    this.hooks.trace(task, 'ran', run.detail, run, now);
    const fn = task.run;
    if (fn !== null) {
      this.hooks.execution(run);
      this.hooks.taskChanged(task);
      this.startFunction(run, fn);
    } else {
      this.startProcess(run, task.def.action as CommandAction);
      this.hooks.execution(run);
      this.hooks.taskChanged(task);
    }
  }

  private startFunction(run: Run, fn: FunctionAction['run']): void {
    let result: unknown;
    try {
      result = fn(new FunctionRunContext(run));
    } catch (error) {
      this.settleLater(run, false, error);
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (value: unknown) => {
          this.settleFunction(run, true, value);
        },
        (error: unknown) => {
          this.settleFunction(run, false, error);
        },
      );
    } else {
      this.settleLater(run, true, result);
    }
  }

  /**
   * Settles a function that returned without a promise on the next microtask (so starts never
   * nest), all such runs in one turn: no closure or promise per run.
   */
  private settleLater(run: Run, ok: boolean, value: unknown): void {
    run.syncOk = ok;
    run.syncValue = value;
    this.settleQueue.push(run);
    if (this.settleQueue.length === 1) void SETTLED.then(this.drainSettles);
  }

  private readonly drainSettles = (): void => {
    const runs = this.settleQueue;
    this.settleQueue = this.settleSpare;
    this.settleSpare = runs;
    this.turnNow = this.clock.now();
    try {
      for (const run of runs) this.settleFunction(run, run.syncOk, run.syncValue);
    } finally {
      emptyList(runs);
      this.turnNow = NaN;
    }
  };

  private settleFunction(run: Run, ok: boolean, value: unknown): void {
    if (run.status !== 'running') return;
    if (run.stopReason !== null) {
      this.finish(run, STOP_STATUS[run.stopReason], run.stopDetail);
    } else if (ok) {
      this.finish(run, 'succeeded', null, value === undefined ? null : value);
    } else {
      this.finish(run, 'failed', describeError(value));
    }
  }

  private startProcess(run: Run, action: CommandAction): void {
    if (this.runner === null) {
      queueMicrotask(() => {
        this.finish(run, 'failed', 'No process runner is configured for command actions');
      });
      return;
    }
    const started = this.runner.start({
      executionId: executionIdOf(run),
      action,
      outputTailBytes: this.settings.outputTailBytes,
      killGraceMs: this.settings.killGraceMs,
      onOutput: (chunks, outputBytes) => {
        // The size so far, for whoever looks at the run before it ends.
        if (run.proc !== null) run.proc.outputBytes = outputBytes;
        this.hooks.output(run, chunks);
      },
    });
    run.proc = {
      process: started,
      tracker: started.pid !== null && this.sampler !== null ? new ResourceTracker() : null,
      pid: started.pid,
      pgid: started.pgid,
      startToken: started.startToken,
      exitCode: null,
      signal: null,
      outputBytes: 0,
      output: NONE,
      resources: NO_RESOURCES,
      samples: NONE,
    };
    if (started.pid !== null && this.sampler !== null) {
      this.sampled.add(run);
      // CPU is a delta between readings, and a tree just started has used none: the first
      // sample reported (one interval later) is a real figure, without reading the tree now.
      this.sampler.started(started.pid, started.startToken);
      this.armSampling();
    }
    void started.done.then((outcome) => {
      this.settleProcess(run, outcome);
    });
  }

  private settleProcess(run: Run, outcome: ProcessOutcome): void {
    const proc = run.proc;
    if (run.status !== 'running' || proc === null) return;
    proc.exitCode = outcome.exitCode;
    proc.signal = outcome.signal;
    proc.outputBytes = outcome.outputBytes;
    proc.output = outcome.tail;
    if (run.stopReason !== null) {
      this.finish(run, STOP_STATUS[run.stopReason], run.stopDetail);
    } else if (outcome.error !== null) {
      this.finish(run, 'failed', outcome.error);
    } else if (outcome.exitCode === 0) {
      this.finish(run, 'succeeded', null);
    } else {
      const why =
        outcome.signal !== null
          ? `killed by ${outcome.signal}`
          : `exited with code ${outcome.exitCode ?? '?'}`;
      this.finish(run, 'failed', why);
    }
  }

  /** Asks a run to stop; it ends (with the status the reason implies) once it has stopped. */
  private stop(run: Run, reason: StopReason, detail: string): void {
    if (run.stopReason !== null || run.status !== 'running') return;
    run.stopReason = reason;
    run.stopDetail = detail;
    if (run.def.action.type === 'function') {
      run.controller?.abort(new Error(detail));
      run.abandon = {
        kind: 'abandon',
        at: this.now() + this.settings.killGraceMs,
        live: false,
        run,
      };
      this.alarms.add(run.abandon);
    }
    run.proc?.process.kill();
  }

  /** Ends a run with `status` (a command's outcome is already on its `proc`). */
  private finish(
    run: Run,
    status: ExecutionStatus,
    error: string | null,
    result: unknown = null,
  ): void {
    const task = run.task;
    run.status = status;
    run.endedAt = this.now();
    run.error = error;
    run.result = result;
    if (run.timeout !== null) {
      this.alarms.cancel(run.timeout);
      run.timeout.run = null;
      run.timeout = null;
    }
    if (run.abandon !== null) {
      this.alarms.cancel(run.abandon);
      run.abandon.run = null;
      run.abandon = null;
    }
    const tracker = run.proc?.tracker ?? null;
    if (run.proc !== null && tracker !== null) {
      run.proc.resources = tracker.summary();
      run.proc.samples = tracker.samples();
      this.sampled.delete(run);
      if (run.proc.pid !== null) this.sampler?.forget(run.proc.pid);
    }
    if (this.jobs.delete(run)) {
      this.runningTotal--;
      if (task.hidden) this.hiddenRunning--;
    }
    task.removeRunning(run);
    task.setLastRun(run);
    this.hooks.execution(run);
    const retrying =
      (status === 'failed' || status === 'timed-out') &&
      // The policy the run started under (its task's copy, unless the task was edited since).
      run.attempt <= (run.def === task.def ? task.maxRetries : run.def.retry.maxRetries) &&
      !task.removed &&
      !task.paused;
    if (retrying) this.scheduleRetry(run);
    this.hooks.settled(task, run, !retrying);
    if (task.runningCount === 0 && task.hasPending) this.releasePending(task);
    this.hooks.taskChanged(task);
    this.dispatch();
    if (this.runningTotal === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private scheduleRetry(run: Run): void {
    const { task, def } = run;
    const delay = retryDelay(def.retry, run.attempt, this.random);
    const now = this.now();
    const firstExecutionId = run.firstExecutionId ?? executionIdOf(run);
    newUuidWords();
    const request = this.enlist(
      task,
      'retry',
      `retry ${run.attempt} of ${def.retry.maxRetries} after ${run.status}`,
      now + delay,
      now,
      run.attempt + 1,
      firstExecutionId,
    );
    request.place = 'delayed';
    request.heldBy = `waiting ${formatDuration(delay)} before retrying`;
    request.traced = true;
    request.alarm = { kind: 'retry', at: now + delay, live: false, request };
    this.alarms.add(request.alarm);
    this.hooks.trace(
      task,
      'retried',
      `${run.status}: ${run.error ?? ''}; retry ${run.attempt} of ${def.retry.maxRetries} in ${formatDuration(delay)}`,
      request,
      now,
    );
    this.hooks.execution(request);
  }

  private releasePending(task: TaskRuntime): void {
    task.hasPending = false;
    // Admitting keeps a request in its task's chain, so walking the chain itself is safe.
    for (let request = task.waitingFirst; request !== null; request = request.nextInTask) {
      if (request.place === 'pending') this.admit(request);
    }
  }

  /** Takes a request out of wherever it waits (it is about to start or end). */
  private unlist(request: Request): void {
    if (request.place === 'ready') this.ready.remove(request);
    if (request.place === 'held') this.held.delete(request);
    if (request.alarm !== null) {
      this.alarms.cancel(request.alarm);
      request.alarm.request = null;
      request.alarm = null;
    }
    if (request.place !== 'gone') {
      // Every request that is not gone is in its task's waiting chain.
      request.task.removeWaiting(request);
      this.waitingTotal--;
      if (request.task.hidden) this.hiddenWaiting--;
    }
    request.place = 'gone';
    request.heldBy = null;
  }

  private drop(request: Request, status: ExecutionStatus, error: string): void {
    this.unlist(request);
    this.jobs.delete(request);
    request.status = status;
    request.endedAt = this.now();
    request.error = error;
    // "Why didn't it run?": a request that ends before it starts says so in the trace.
    this.hooks.trace(request.task, 'skipped', error, request, this.now());
    this.hooks.execution(request);
    this.hooks.settled(request.task, request, true);
    this.hooks.taskChanged(request.task);
  }

  private armSampling(): void {
    if (this.sampleAlarm !== null || this.sampled.size === 0) return;
    this.sampleAlarm = {
      kind: 'sample',
      at: this.now() + this.settings.sampleIntervalMs,
      live: false,
    };
    this.alarms.add(this.sampleAlarm);
  }

  private sampleAll(): void {
    const sampler = this.sampler;
    if (sampler === null || this.sampled.size === 0) return;
    if (!this.sampling) {
      this.sampling = true;
      const runs = [...this.sampled];
      const pids: number[] = [];
      for (const run of runs) if (run.proc?.pid != null) pids.push(run.proc.pid);
      sampler.sample(pids).then(
        (readings) => {
          this.sampling = false;
          this.applyReadings(runs, readings);
        },
        (error: unknown) => {
          this.sampling = false;
          console.error('Taskdeck: sampling failed', error);
        },
      );
    }
    this.armSampling();
  }

  private applyReadings(runs: Run[], readings: Map<number, TreeReading>): void {
    const now = this.now();
    for (const run of runs) {
      const pid = run.proc?.pid ?? null;
      const tracker = run.proc?.tracker ?? null;
      const reading = pid === null ? undefined : readings.get(pid);
      if (reading === undefined || tracker === null || run.status !== 'running') continue;
      const sample: ResourceSample = {
        t: now,
        cpuPercent: reading.cpuPercent,
        rssBytes: reading.rssBytes,
      };
      tracker.add(sample, reading.cpuTimeMs);
      // Its figures so far, for whoever looks at the run before it ends.
      if (run.proc !== null) run.proc.resources = tracker.summary();
      this.hooks.sample(run, sample);
      const limitMb = run.def.limits.maxMemoryMb;
      if (limitMb !== null && reading.rssBytes > limitMb * 1_048_576) {
        const usedMb = Math.round(reading.rssBytes / 1_048_576);
        this.stop(
          run,
          'memory',
          `killed: memory use ${usedMb} MB exceeded the limit of ${limitMb} MB`,
        );
      }
    }
  }
}
