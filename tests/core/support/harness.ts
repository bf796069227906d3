import { Engine, type EngineOptions } from '../../../electron/core/engine.js';
import type { ExecutionRecord } from '../../../electron/core/execution-record.js';
import { FakeClock } from '../../../electron/core/fake-clock.js';
import type { ProcessRunner } from '../../../electron/core/ports/process-runner.js';
import type { EngineTask, RunContext } from '../../../electron/core/task-definition.js';
import type { TraceRecord } from '../../../electron/core/trace-table.js';
import { taskDocumentSchema, type TaskDocumentInput } from '../../../shared/schemas/task.js';

/** Lets every pending promise continuation run (setImmediate runs after the microtask queue). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A function-task body that takes `ms` of fake time and honours its AbortSignal. */
export function work(clock: FakeClock, ms: number, outcome: 'ok' | 'fail' = 'ok') {
  return (ctx: RunContext): Promise<string> =>
    new Promise((resolve, reject) => {
      const cancel = clock.setTimer(ms, () => {
        if (outcome === 'ok') resolve('done');
        else reject(new Error('boom'));
      });
      ctx.signal.addEventListener('abort', () => {
        cancel();
        reject(new Error('aborted'));
      });
    });
}

export interface Harness {
  clock: FakeClock;
  engine: Engine;
  /** Every execution record as it ended. */
  ended: ExecutionRecord[];
  /** Every execution as it started (in start order). */
  started: ExecutionRecord[];
  traces: TraceRecord[];
  /** Adds a task from a document with a function action. */
  add(
    doc: Omit<TaskDocumentInput, 'action'> & { id?: string },
    run?: ((ctx: RunContext) => unknown) | string,
    extra?: { lastFireAt?: number },
  ): string;
  /** Lets `ms` of fake time pass, timer by timer, letting promises settle in between. */
  run(ms: number): Promise<void>;
  runUntil(iso: string): Promise<void>;
}

let counter = 0;

/** An engine on a fake clock with recorders attached. */
export function harness(
  options: Partial<EngineOptions> & {
    start?: string;
    zone?: string;
    /** Builds a ProcessRunner on the harness's clock. */
    runnerOn?: (clock: FakeClock) => ProcessRunner;
  } = {},
): Harness {
  const { start, zone, runnerOn, ...engineOptions } = options;
  const clock = new FakeClock(start ?? '2026-01-05T00:00:00Z', zone ?? 'UTC');
  const runner = runnerOn?.(clock);
  const engine = new Engine({
    maxRunningTasks: 4,
    clock,
    ...engineOptions,
    ...(runner === undefined ? {} : { runner }),
  });
  const ended: ExecutionRecord[] = [];
  const started: ExecutionRecord[] = [];
  const traces: TraceRecord[] = [];
  engine.on('execution', (exec) => {
    if (exec.status === 'running') started.push({ ...exec });
    else if (exec.status !== 'queued') ended.push({ ...exec });
  });
  engine.on('trace', (record) => traces.push(record));
  const h: Harness = {
    clock,
    engine,
    ended,
    started,
    traces,
    add(doc, run = () => undefined, extra = {}) {
      const { id, ...rest } = doc;
      const parsed = taskDocumentSchema.parse({
        ...rest,
        action: { type: 'command', command: 'true' },
      });
      const task: EngineTask = {
        ...parsed,
        id: id ?? `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
        action:
          typeof run === 'string' ? { type: 'command', command: run } : { type: 'function', run },
        savedAt: clock.now(),
      };
      engine.add(task, extra);
      return task.id;
    },
    async run(ms) {
      let remaining = ms;
      for (;;) {
        await flush();
        const next = clock.msUntilNextTimer();
        if (next === null || next > remaining) {
          clock.advance(remaining);
          await flush();
          return;
        }
        clock.advance(next);
        remaining -= next;
      }
    },
    runUntil(iso) {
      return h.run(Date.parse(iso) - clock.now());
    },
  };
  return h;
}

/** ISO times of records' `scheduledAt`, for readable assertions. */
export const isoTimes = (records: { scheduledAt: number }[]): string[] =>
  records.map((record) => new Date(record.scheduledAt).toISOString());
