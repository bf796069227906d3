import {
  isMethodName,
  methodParams,
  type ApiEvent,
  type MethodName,
  type MethodParams,
  type MethodResult,
} from '../../../shared/api.js';
import { TaskdeckError } from '../../../shared/errors.js';
import { applyMergePatch, MAX_PATCH_DEPTH, tooDeep } from '../../../shared/merge-patch.js';
import { settingsSchema, type Settings } from '../../../shared/schemas/settings.js';
import type { Problem, SchedulerStatus, SystemSample } from '../../../shared/schemas/system.js';
import {
  taskDocumentSchema,
  type StoredTask,
  type TaskDocument,
  type TaskStats,
  type TaskView,
} from '../../../shared/schemas/task.js';
import { parseOrThrow } from '../../../shared/validation.js';
import { Engine } from '../engine.js';
import type { ExecutionRecord } from '../execution-record.js';
import type { Clock } from '../ports/clock.js';
import type { HistoryStore } from '../ports/history-store.js';
import type { ProcessRunner } from '../ports/process-runner.js';
import type { ProcessSampler } from '../ports/process-sampler.js';
import type { StateStore } from '../ports/state-store.js';
import type { SystemSignals } from '../ports/system-signals.js';
import type { TaskStore } from '../ports/task-store.js';
import type { Random } from '../retry-delay.js';
import type { EngineTask } from '../task-definition.js';
import { timerClock } from '../timer-clock.js';
import { EventBatcher } from './event-batcher.js';
import { exampleTasks } from './example-tasks.js';
import { pageExecutions } from './execution-pages.js';
import { housekeepingTask } from './housekeeping.js';
import { LiveOutput } from './live-output.js';
import { planImport } from './import-plan.js';
import { previewTrigger } from './preview.js';
import { checkChains, withStartTimes } from './task-rules.js';
import { TaskViewJson } from './task-view-json.js';
import {
  toExecution,
  toExecutionDetail,
  toTaskView,
  toTraceEntry,
  type LiveTaskInfo,
} from './wire-views.js';

/** What a host gives the service: its stores, its process ports and its clock. */
export interface ServiceOptions {
  taskStore: TaskStore;
  history: HistoryStore;
  stateStore: StateStore;
  runner: ProcessRunner;
  sampler?: ProcessSampler;
  signals?: SystemSignals;
  clock?: Clock;
  random?: Random;
  /** Seed a few paused example tasks on the very first start. */
  examples: boolean;
  /** Problems the host found before the service opened (e.g. a corrupt state file). */
  problems?: Problem[];
  /**
   * Ends processes a crashed previous run left behind, before they are marked interrupted;
   * called at every open, with the executions the history has as unfinished.
   */
  reapSurvivors?: (unfinished: ExecutionRecord[]) => Promise<void>;
}

/** Something a host may tell the person about (desktop notifications). */
export interface Notice {
  execution: ExecutionRecord;
  task: StoredTask;
}

type Handler<M extends MethodName> = (
  params: MethodParams<M>,
) => Promise<MethodResult<M>> | MethodResult<M>;

const notFound = (what: string, id: string) =>
  new TaskdeckError('not_found', `No ${what} with id ${id}`);

/**
 * The whole API of API.md on the engine and the stores: every method validates its params
 * with the shared schemas before touching anything, answers after its write is durable, and
 * every change is published as batched events.
 */
export class TaskdeckService {
  private readonly tasks = new Map<string, StoredTask>();
  private readonly batcher: EventBatcher;
  private readonly live = new LiveOutput();
  private readonly viewJson = new TaskViewJson();
  private readonly noticeListeners = new Set<(notice: Notice) => void>();
  private readonly settingsListeners = new Set<(settings: Settings) => void>();
  /** The tasks and settings as last written: what memory falls back to when a write fails. */
  private saved: { tasks: ReadonlyMap<string, StoredTask>; settings: Settings };
  private readonly handlers: { [M in MethodName]: Handler<M> };

  private constructor(
    private readonly engine: Engine,
    private readonly options: ServiceOptions,
    private settings: Settings,
    private readonly problems: Problem[],
    private readonly clock: Clock,
  ) {
    this.batcher = new EventBatcher(clock, {
      task: (id) => {
        const view = this.view(id);
        return view === null ? null : { type: 'task.changed', data: view };
      },
      execution: (exec) => ({ type: 'execution.changed', data: toExecution(exec) }),
      trace: (record) => ({ type: 'trace', data: toTraceEntry(record) }),
      scheduler: () => ({ type: 'scheduler.changed', data: this.status() }),
    });
    this.handlers = this.methods();
    this.saved = { tasks: new Map(), settings };
  }

  /** Loads the stores, recovers from a crash, registers every task and starts the engine. */
  static async open(options: ServiceOptions): Promise<TaskdeckService> {
    const clock = options.clock ?? timerClock;
    const loaded = await options.taskStore.load();
    const opened = await options.history.open();
    const problems = [...(options.problems ?? []), ...loaded.problems, ...opened.problems];
    // Even with nothing unfinished: a crash between a spawn and its start record leaves a
    // survivor the history never heard of.
    await options.reapSurvivors?.(opened.unfinished);
    if (opened.unfinished.length > 0) {
      for (const execution of opened.unfinished) {
        options.history.recordEnd({
          ...execution,
          status: 'interrupted',
          endedAt: clock.now(),
          error: 'Taskdeck stopped unexpectedly while this was running',
        });
      }
      await options.history.flush();
    }
    const settings = loaded.data.settings;
    const engine = new Engine({
      clock,
      maxRunningTasks: settings.maxRunningTasks,
      sampleIntervalMs: settings.sampleIntervalMs,
      outputTailBytes: settings.outputTailBytes,
      killGraceMs: settings.killGraceMs,
      runner: options.runner,
      stateStore: options.stateStore,
      // The trace is kept in the history store; the engine need not hold a copy per task.
      traceCapacity: 0,
      ...(options.sampler === undefined ? {} : { sampler: options.sampler }),
      ...(options.signals === undefined ? {} : { signals: options.signals }),
      ...(options.random === undefined ? {} : { random: options.random }),
    });
    const service = new TaskdeckService(engine, options, settings, problems, clock);
    let stored = loaded.data.tasks;
    if (
      options.examples &&
      stored.length === 0 &&
      (await options.stateStore.load()).heartbeat === null
    ) {
      stored = exampleTasks(clock.now());
      await options.taskStore.save({ tasks: stored, settings });
    }
    for (const task of stored) {
      service.tasks.set(task.id, task);
      engine.add(service.engineTask(task), { completed: task.completedAt !== null });
    }
    service.saved = { tasks: new Map(service.tasks), settings };
    engine.add(housekeepingTask(clock.now(), () => service.housekeep()));
    service.wire();
    await engine.start();
    return service;
  }

  /** Calls a method by name with unvalidated params (straight from the wire). */
  async call(method: unknown, params: unknown): Promise<unknown> {
    if (!isMethodName(method)) {
      throw new TaskdeckError(
        'unknown_method',
        `Unknown method ${typeof method === 'string' ? method : String(method)}`,
      );
    }
    return this.invoke(method, params);
  }

  /**
   * `call`, answering with the result as JSON text (the wire's form). The task list is written
   * from each task's kept text (TaskViewJson) instead of 10,000 views serialised afresh.
   */
  async callJson(method: unknown, params: unknown): Promise<string> {
    if (method !== 'tasks.list') return JSON.stringify(await this.call(method, params));
    const filter = parseOrThrow(methodParams['tasks.list'], params ?? {});
    const texts: string[] = [];
    this.forEachListed(filter, (task, live, stats) => {
      texts.push(this.viewJson.text(task, live, stats));
    });
    return `[${texts.join(',')}]`;
  }

  /** Calls a method with typed params (still validated). */
  async invoke<M extends MethodName>(method: M, params: unknown): Promise<MethodResult<M>> {
    const parsed = parseOrThrow(methodParams[method], params ?? {}) as MethodParams<M>;
    const handler = this.handlers[method] as Handler<M>;
    return handler(parsed);
  }

  /** Receives every event in batches (~10 a second at most). */
  subscribe(listener: (batch: ApiEvent[]) => void): () => void {
    return this.batcher.subscribe(listener);
  }

  /** Tells the host about executions a person asked to be notified of. */
  onNotice(listener: (notice: Notice) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  /** Tells the host when settings change (e.g. launch at login). */
  onSettings(listener: (settings: Settings) => void): () => void {
    this.settingsListeners.add(listener);
    return () => this.settingsListeners.delete(listener);
  }

  /** Publishes a reading of the machine (`system.sample`). */
  publishSystemSample(sample: SystemSample): void {
    this.batcher.push({ type: 'system.sample', data: sample });
  }

  get currentSettings(): Settings {
    return this.settings;
  }

  /** Stops firing, gives running work `graceMs`, records what was interrupted, closes stores. */
  async stop(graceMs: number): Promise<void> {
    await this.engine.stop(graceMs);
    this.batcher.flush();
    await this.options.history.close();
  }

  // ---- methods -------------------------------------------------------------------------------

  private methods(): { [M in MethodName]: Handler<M> } {
    return {
      'tasks.list': (filter) => {
        const out: TaskView[] = [];
        this.forEachListed(filter, (task, live, stats) => {
          out.push(toTaskView(task, live, stats));
        });
        return out;
      },
      'tasks.get': ({ id }) => this.requireView(id),
      'tasks.create': async (document) => {
        const now = this.clock.now();
        const id = crypto.randomUUID();
        const task = this.stored(id, document, now, now);
        await this.commit(() => this.tasks.set(id, task));
        this.engine.add(this.engineTask(task));
        return this.requireView(id);
      },
      'tasks.update': async ({ id, patch }) => {
        const current = this.requireTask(id);
        const deep = tooDeep(patch);
        if (deep !== null) {
          const path = ['patch', deep[0] ?? ''];
          const message = `Nested more than ${MAX_PATCH_DEPTH} levels deep`;
          throw new TaskdeckError('invalid_params', `${path.join('.')}: ${message}`, [
            { path, message },
          ]);
        }
        const merged = applyMergePatch(documentOf(current), patch);
        const document = parseOrThrow(taskDocumentSchema, merged, ['patch']);
        const triggersChanged =
          JSON.stringify(document.triggers) !== JSON.stringify(current.triggers);
        const next = {
          ...this.stored(id, document, Date.parse(current.createdAt), this.clock.now(), ['patch']),
          completedAt: triggersChanged ? null : current.completedAt,
        };
        await this.commit(() => this.tasks.set(id, next));
        this.engine.update(this.engineTask(next), { completed: next.completedAt !== null });
        return this.requireView(id);
      },
      'tasks.remove': async ({ id }) => {
        this.requireTask(id);
        await this.commit(() => this.tasks.delete(id));
        this.engine.remove(id);
        this.live.forgetTask(id);
        await this.options.history.removeTask(id);
        this.batcher.push({ type: 'task.removed', data: { id } });
        return { removed: true as const };
      },
      'tasks.duplicate': async ({ id }) => {
        const current = this.requireTask(id);
        const now = this.clock.now();
        const copyId = crypto.randomUUID();
        const document = {
          ...documentOf(current),
          name: `${current.name} (copy)`.slice(0, 200),
          enabled: false,
        };
        const copy = this.stored(copyId, document, now, now);
        await this.commit(() => this.tasks.set(copyId, copy));
        this.engine.add(this.engineTask(copy));
        return this.requireView(copyId);
      },
      'tasks.pause': ({ id }) => this.setEnabled(id, false),
      'tasks.resume': ({ id }) => this.setEnabled(id, true),
      'tasks.runNow': ({ id }) => {
        this.requireTask(id);
        const submission = this.engine.runNow(id);
        if (submission.execution === null || submission.outcome === 'skipped') {
          throw new TaskdeckError('conflict', `Cannot run now: ${submission.reason}`);
        }
        return { executionId: submission.execution.id };
      },
      'tasks.trace': async ({ id, limit }) => {
        this.requireTask(id);
        await this.options.history.flush();
        return (await this.options.history.trace(id, limit)).map(toTraceEntry);
      },
      'executions.list': async ({ taskId, status, cursor, limit }) => {
        const page = await pageExecutions(
          {
            live: () => this.engine.liveExecutions().filter((e) => this.tasks.has(e.taskId)),
            history: (query) => this.options.history.list(query),
          },
          {
            limit,
            now: this.clock.now(),
            ...(taskId === undefined ? {} : { taskId }),
            ...(status === undefined
              ? {}
              : { statuses: Array.isArray(status) ? status : [status] }),
            ...(cursor === undefined ? {} : { cursor }),
          },
        );
        return { items: page.items.map(toExecution), nextCursor: page.nextCursor };
      },
      'executions.get': async ({ id }) => {
        const running = this.engine.live(id);
        if (running !== null)
          return toExecutionDetail(running, this.live.output(id), this.live.samples(id));
        const ended = await this.options.history.get(id);
        if (ended === null) throw notFound('execution', id);
        return toExecutionDetail(ended, ended.output, ended.samples);
      },
      'executions.cancel': async ({ id }) => {
        const cancelled = this.engine.cancel(id);
        if (cancelled !== null) return toExecution(cancelled);
        const ended = await this.options.history.get(id);
        if (ended === null) throw notFound('execution', id);
        throw new TaskdeckError('conflict', `Execution ${id} has already ended (${ended.status})`);
      },
      'scheduler.status': () => this.status(),
      'scheduler.pauseAll': () => {
        this.engine.pauseAll();
        return this.status();
      },
      'scheduler.resumeAll': () => {
        this.engine.resumeAll();
        return this.status();
      },
      'settings.get': () => this.settings,
      'settings.update': async (patch) => {
        // A key given as undefined (IPC's structured clone keeps them) changes nothing, as an
        // absent one does; spread as is, it would reset that setting to its default.
        const given = Object.entries(patch).filter(([, value]) => value !== undefined);
        const next = settingsSchema.parse({ ...this.settings, ...Object.fromEntries(given) });
        await this.commit(() => (this.settings = next));
        this.settingsApplied(next);
        return next;
      },
      'triggers.preview': ({ trigger, from, count, dst }) =>
        previewTrigger(
          trigger,
          from === undefined ? this.clock.now() : Date.parse(from),
          count,
          this.clock.timeZone(),
          dst,
          (id) => this.tasks.get(id)?.name,
        ),
      'tasks.export': () => ({
        format: 'taskdeck' as const,
        version: 1 as const,
        exportedAt: new Date(this.clock.now()).toISOString(),
        tasks: [...this.tasks.values()].map((task) => ({
          ...documentOf(task),
          id: task.id,
          createdAt: task.createdAt,
          updatedAt: task.updatedAt,
        })),
        settings: this.settings,
      }),
      'tasks.import': async ({ document, mode }) => {
        const plan = planImport(document, mode, this.tasks, this.clock.now());
        const removed = mode === 'replace' ? [...this.tasks.keys()] : [];
        await this.commit(() => {
          for (const id of removed) this.tasks.delete(id);
          for (const task of plan.tasks) this.tasks.set(task.id, task);
          if (plan.settings !== null) this.settings = plan.settings;
        });
        for (const id of removed) {
          this.engine.remove(id);
          await this.options.history.removeTask(id);
          this.batcher.push({ type: 'task.removed', data: { id } });
        }
        for (const task of plan.tasks) this.engine.add(this.engineTask(task));
        if (plan.settings !== null) this.settingsApplied(plan.settings);
        return { imported: plan.tasks.length };
      },
      'stats.summary': ({ taskId, since }) => {
        if (taskId !== undefined) this.requireTask(taskId);
        return this.options.history.summary({
          ...(taskId === undefined ? {} : { taskId }),
          ...(since === undefined ? {} : { since: Date.parse(since) }),
        });
      },
      'system.problems': () => this.problems,
    };
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** A stored task from a validated document: chains checked, interval starts fixed. */
  private stored(
    id: string,
    document: TaskDocument,
    createdAt: number,
    updatedAt: number,
    prefix: (string | number)[] = [],
  ): StoredTask {
    checkChains(document, id, (taskId) => this.tasks.has(taskId), prefix);
    return {
      ...withStartTimes(document, updatedAt),
      id,
      createdAt: new Date(createdAt).toISOString(),
      updatedAt: new Date(updatedAt).toISOString(),
      completedAt: null,
    };
  }

  private engineTask(task: StoredTask): EngineTask {
    return { ...documentOf(task), id: task.id, savedAt: Date.parse(task.createdAt) };
  }

  /** Applies a change in memory and answers only once the store has it on disk. */
  private async commit(change: () => unknown): Promise<void> {
    change();
    const written = { tasks: new Map(this.tasks), settings: this.settings };
    try {
      await this.options.taskStore.save({
        tasks: [...written.tasks.values()],
        settings: written.settings,
      });
      // Writes settle in order, so the last one to settle holds what the file holds.
      this.saved = written;
    } catch (error) {
      // Nothing is acknowledged that is not on disk: fall back to what was last written. Not
      // to this call's own "before": concurrent calls share the failed write and fail with it,
      // and a later call's "before" holds an earlier call's refused change.
      this.tasks.clear();
      for (const [id, task] of this.saved.tasks) this.tasks.set(id, task);
      this.settings = this.saved.settings;
      throw new TaskdeckError(
        'internal',
        `Could not save the tasks file: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Puts saved settings to work: the engine's limits at once, and the host's listeners. */
  private settingsApplied(settings: Settings): void {
    this.engine.configure({
      maxRunningTasks: settings.maxRunningTasks,
      sampleIntervalMs: settings.sampleIntervalMs,
      outputTailBytes: settings.outputTailBytes,
      killGraceMs: settings.killGraceMs,
    });
    for (const listener of this.settingsListeners) listener(settings);
  }

  private async setEnabled(id: string, enabled: boolean): Promise<TaskView> {
    const current = this.requireTask(id);
    if (current.enabled !== enabled) {
      const next = { ...current, enabled, updatedAt: new Date(this.clock.now()).toISOString() };
      await this.commit(() => this.tasks.set(id, next));
      if (enabled) this.engine.resume(id);
      else this.engine.pause(id);
    }
    return this.requireView(id);
  }

  private requireTask(id: string): StoredTask {
    const task = this.tasks.get(id);
    if (task === undefined) throw notFound('task', id);
    return task;
  }

  private requireView(id: string): TaskView {
    const view = this.view(id);
    if (view === null) throw notFound('task', id);
    return view;
  }

  /** A running execution's output or figures changed: windows get its snapshot with them. */
  private progressed(exec: ExecutionRecord): void {
    if (!this.isHidden(exec.taskId) && this.tasks.has(exec.taskId))
      this.batcher.executionProgressed(exec);
  }

  private isHidden(taskId: string): boolean {
    return this.engine.get(taskId)?.def.hidden === true;
  }

  private view(id: string): TaskView | null {
    const task = this.tasks.get(id);
    if (task === undefined) return null;
    const live = this.liveInfo(id);
    return live === null ? null : toTaskView(task, live, this.options.history.taskStats(id));
  }

  /** What the engine and the history say about a task now, or null if it is not registered. */
  private liveInfo(id: string, positions?: Map<unknown, number>): LiveTaskInfo | null {
    const runtime = this.engine.get(id);
    if (runtime === undefined) return null;
    const queue = this.engine.queueInfo(runtime, positions);
    return {
      state: this.engine.stateOf(runtime),
      queuePosition: queue.queuePosition,
      heldBy: queue.heldBy,
      nextRunAt: this.engine.nextRunAt(runtime),
      lastExecution: runtime.lastRun() ?? this.options.history.lastExecution(id),
    };
  }

  /** The parts of each view `tasks.list` answers with `filter`, in the list's order. */
  private forEachListed(
    { tag, state }: MethodParams<'tasks.list'>,
    each: (task: StoredTask, live: LiveTaskInfo, stats: TaskStats) => void,
  ): void {
    const positions = this.engine.positions();
    for (const task of this.tasks.values()) {
      if (tag !== undefined && !task.tags.includes(tag)) continue;
      const live = this.liveInfo(task.id, positions);
      if (live === null || (state !== undefined && live.state !== state)) continue;
      each(task, live, this.options.history.taskStats(task.id));
    }
  }

  private status(): SchedulerStatus {
    const status = this.engine.status();
    return { ...status, startedAt: new Date(status.startedAt).toISOString() };
  }

  /** Connects engine events to the history, the live buffers and the event batches. */
  private wire(): void {
    const history = this.options.history;
    this.engine.on('execution', (exec) => {
      // Hidden work is not the person's; a removed task's last run ends after its history went.
      if (this.isHidden(exec.taskId) || !this.tasks.has(exec.taskId)) return;
      if (exec.status === 'running') {
        history.recordStart(exec);
        this.live.start(exec.id, exec.taskId);
      } else if (exec.status !== 'queued') {
        history.recordEnd(exec);
        this.live.end(exec.id);
        this.notify(exec);
      }
      this.batcher.executionChanged(exec);
    });
    this.engine.on('output', (exec, chunks) => {
      this.live.append(exec.id, chunks, this.settings.outputTailBytes);
      this.batcher.output(exec.id, chunks);
      this.progressed(exec);
    });
    this.engine.on('sample', (exec, sample) => {
      this.live.sample(exec.id, sample);
      this.batcher.push({ type: 'execution.sample', data: { executionId: exec.id, sample } });
      this.progressed(exec);
    });
    this.engine.on('trace', (record) => {
      if (!this.tasks.has(record.taskId)) return;
      history.recordTrace(record);
      this.batcher.trace(record);
    });
    this.engine.on('task', (id) => {
      if (!this.isHidden(id)) this.batcher.taskChanged(id);
    });
    this.engine.on('scheduler', () => {
      this.batcher.schedulerChanged();
    });
    this.engine.on('completed', (id) => {
      const task = this.tasks.get(id);
      if (task === undefined) return;
      const done = { ...task, completedAt: new Date(this.clock.now()).toISOString() };
      this.commit(() => this.tasks.set(id, done)).catch((error: unknown) => {
        console.error('Taskdeck: could not record a completed task', error);
      });
    });
  }

  private notify(exec: ExecutionRecord): void {
    const task = this.tasks.get(exec.taskId);
    if (task === undefined || !this.settings.notifications || this.noticeListeners.size === 0)
      return;
    const failed = exec.status === 'failed' || exec.status === 'timed-out';
    if (task.notify === 'always' || (task.notify === 'failure' && failed)) {
      for (const listener of this.noticeListeners) listener({ execution: exec, task });
    }
  }

  /** The hidden housekeeping run: history retention, then a flush. */
  private async housekeep(): Promise<number> {
    const keep = new Map<string, number>();
    for (const task of this.tasks.values()) keep.set(task.id, task.keepHistory);
    const removed = await this.options.history.prune({
      keep,
      maxAgeMs: this.settings.historyMaxAgeDays * 86_400_000,
      now: this.clock.now(),
    });
    await this.options.history.flush();
    return removed;
  }
}

/** The task document part of a stored task (no identity or timestamps). */
export function documentOf(task: StoredTask): TaskDocument {
  const { id, createdAt, updatedAt, completedAt, ...document } = task;
  return document;
}
