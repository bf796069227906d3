import { TaskdeckError } from '../../shared/errors.js';
import type { TaskState } from '../../shared/schemas/task.js';
import type { EventName } from '../../shared/schemas/trigger.js';
import { Engine, type EngineEvents, type EngineOptions } from './engine.js';
import type { ExecutionRecord } from './execution-record.js';
import { newUuid } from './ids.js';
import type { LibraryTaskInput } from './library-task.js';
import { parseLibraryTask } from './library-validation-loader.js';
import { readPlainTask } from './plain-task-reader.js';
import type { EngineTask } from './task-definition.js';
import type { LastRun, TaskRuntime } from './task-runtime.js';

/** What the library tells about a task. */
export interface ScheduledTask {
  id: string;
  name: string;
  state: TaskState;
  nextRunAt: Date | null;
  lastExecution: LastRun | null;
}

/** Options of `createScheduler`: the Go design's `maxRunningTasks`, and an optional clock. */
export type SchedulerOptions = EngineOptions;

/** The library API: Go's `background_tasks` scheduler, in TypeScript. */
export interface Scheduler {
  /** Validates and registers a task; throws a TaskdeckError naming the bad field. */
  addTask(def: LibraryTaskInput): ScheduledTask;
  removeTask(id: string): void;
  getTask(id: string): ScheduledTask | undefined;
  listTasks(): ScheduledTask[];
  start(): Promise<void>;
  /** Stops firing; waits up to `graceMs` for running work, then interrupts it. */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** Pauses one task, or (without an id) stops anything new from starting. */
  pause(id?: string): void;
  resume(id?: string): void;
  /** Runs a task now through the queue; returns its execution (or the one it joined). */
  runNow(id: string): ExecutionRecord;
  /** Fires an event trigger by name (e.g. `manual`) for every task listening to it. */
  emit(event: EventName): void;
  on<E extends keyof EngineEvents>(
    event: E,
    listener: (...args: EngineEvents[E]) => void,
  ): () => void;
  /** The engine underneath, for hosts that need more. */
  readonly engine: Engine;
}

/**
 * Creates a scheduler. One-time tasks are removed once they have run (with their retries).
 * Command actions need a `runner` (see the adapters); function actions need nothing.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  if (!Number.isInteger(options.maxRunningTasks) || options.maxRunningTasks < 1) {
    throw new TaskdeckError('invalid_params', 'maxRunningTasks: Must be a positive integer', [
      { path: ['maxRunningTasks'], message: 'Must be a positive integer' },
    ]);
  }
  const engine = new Engine(options);
  engine.on('completed', (id) => {
    if (engine.get(id) !== undefined) engine.remove(id);
  });

  const viewOf = (task: TaskRuntime): ScheduledTask => {
    const next = engine.nextRunAt(task);
    return {
      id: task.id,
      name: task.name,
      state: engine.stateOf(task),
      nextRunAt: next === null ? null : new Date(next),
      lastExecution: task.lastRun(),
    };
  };
  const view = (id: string): ScheduledTask | undefined => {
    const task = engine.get(id);
    return task === undefined ? undefined : viewOf(task);
  };
  // On real time, a started scheduler keeps its process alive until stopped, as a timer would;
  // the engine's own timer is unref'd because hosts keep themselves alive with their servers.
  const realTime = options.clock === undefined;
  let keepAlive: ReturnType<typeof setInterval> | null = null;
  const known = (id: string): void => {
    if (engine.get(id) === undefined) throw new TaskdeckError('not_found', `No task with id ${id}`);
  };

  return {
    engine,
    addTask(def) {
      const parsed = readPlainTask(def) ?? parseLibraryTask(def);
      const id = parsed.id ?? newUuid();
      if (engine.get(id) !== undefined) {
        throw new TaskdeckError('conflict', `id: a task with id ${id} already exists`, [
          { path: ['id'], message: 'A task with this id already exists' },
        ]);
      }
      // The parsed document is ours (zod or the reader built it): complete it in place rather
      // than copy it; the engine makes its own canonical copy.
      const now = engine.clock.now();
      const task: EngineTask = Object.assign(parsed, { id, savedAt: now });
      return viewOf(engine.add(task, { now }));
    },
    removeTask(id) {
      known(id);
      engine.remove(id);
    },
    getTask: view,
    listTasks: () => [...engine.all()].map((task) => view(task.def.id) as ScheduledTask),
    async start() {
      await engine.start();
      if (realTime) keepAlive ??= setInterval(() => undefined, 2_147_483_647);
    },
    async stop(stopOptions) {
      if (keepAlive !== null) clearInterval(keepAlive);
      keepAlive = null;
      await engine.stop(stopOptions?.graceMs ?? 0);
    },
    pause(id) {
      if (id === undefined) engine.pauseAll();
      else {
        known(id);
        engine.pause(id);
      }
    },
    resume(id) {
      if (id === undefined) engine.resumeAll();
      else {
        known(id);
        engine.resume(id);
      }
    },
    runNow(id) {
      known(id);
      const submission = engine.runNow(id);
      if (submission.execution === null || submission.outcome === 'skipped') {
        throw new TaskdeckError('conflict', `Cannot run now: ${submission.reason}`);
      }
      return submission.execution;
    },
    emit: (event) => {
      engine.emitEvent(event);
    },
    on: (event, listener) => engine.on(event, listener),
  };
}
