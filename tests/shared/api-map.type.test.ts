/**
 * Pins the method and event map of API.md. The `expectTypeOf` assertions are checked by the
 * compiler (`tsc -p tsconfig.node.json` includes tests/), the rest when vitest runs.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  API_EVENT_NAMES,
  METHOD_NAMES,
  isMethodName,
  methodParams,
  type ApiEvent,
  type ApiEventName,
  type EventPayloads,
  type MethodName,
  type MethodParams,
  type MethodParamsInput,
  type MethodResult,
  type MethodResults,
  type TaskdeckApi,
} from '../../shared/api.js';
import type {
  Execution,
  ExecutionDetail,
  ExecutionStatus,
  OutputChunk,
  ResourceSample,
} from '../../shared/schemas/execution.js';
import type { Settings } from '../../shared/schemas/settings.js';
import type { StatsSummary } from '../../shared/schemas/stats.js';
import type { Problem, SchedulerStatus, SystemSample } from '../../shared/schemas/system.js';
import type { TaskDocument, TaskDocumentInput, TaskView } from '../../shared/schemas/task.js';
import type { TraceEntry } from '../../shared/schemas/trace.js';
import type { ExportDocument } from '../../shared/schemas/transfer.js';
import type { TriggerInput } from '../../shared/schemas/trigger.js';
import { parseOrThrow } from '../../shared/validation.js';
import { issuePathsOf } from './issues-of.js';

/** The methods of API.md, in its order. */
const API_METHODS = [
  'tasks.list',
  'tasks.get',
  'tasks.create',
  'tasks.update',
  'tasks.remove',
  'tasks.duplicate',
  'tasks.pause',
  'tasks.resume',
  'tasks.runNow',
  'tasks.trace',
  'executions.list',
  'executions.get',
  'executions.cancel',
  'scheduler.status',
  'scheduler.pauseAll',
  'scheduler.resumeAll',
  'settings.get',
  'settings.update',
  'triggers.preview',
  'tasks.export',
  'tasks.import',
  'stats.summary',
  'system.problems',
] as const;

/** The events of API.md, in its order. */
const API_EVENTS = [
  'task.changed',
  'task.removed',
  'execution.changed',
  'execution.output',
  'execution.sample',
  'trace',
  'scheduler.changed',
  'system.sample',
] as const;

const ID = '0b7f5c1e-9d2a-4e3b-8c4d-5e6f7a8b9c0d';
const TASK = {
  name: 'Back up notes',
  triggers: [{ type: 'interval', everyMs: 60_000 }],
  action: { type: 'command', command: 'true' },
} satisfies TaskDocumentInput;

/** A valid params object for every method; its type is the method's params input type. */
const samples: { [M in MethodName]: MethodParamsInput<M> } = {
  'tasks.list': { tag: 'backup', state: 'idle' },
  'tasks.get': { id: ID },
  'tasks.create': TASK,
  'tasks.update': { id: ID, patch: { priority: 5 } },
  'tasks.remove': { id: ID },
  'tasks.duplicate': { id: ID },
  'tasks.pause': { id: ID },
  'tasks.resume': { id: ID },
  'tasks.runNow': { id: ID },
  'tasks.trace': { id: ID, limit: 10 },
  'executions.list': { taskId: ID, status: ['failed', 'timed-out'], limit: 50 },
  'executions.get': { id: ID },
  'executions.cancel': { id: ID },
  'scheduler.status': {},
  'scheduler.pauseAll': {},
  'scheduler.resumeAll': {},
  'settings.get': {},
  'settings.update': { maxRunningTasks: 8 },
  'triggers.preview': { trigger: { type: 'cron', expression: '0 9 * * *' }, count: 3 },
  'tasks.export': {},
  'tasks.import': {
    document: {
      format: 'taskdeck',
      version: 1,
      exportedAt: '2026-01-01T00:00:00.000Z',
      tasks: [TASK],
    },
    mode: 'merge',
  },
  'stats.summary': { taskId: ID, since: '2026-01-01T00:00:00Z' },
  'system.problems': {},
};

describe('method map (types)', () => {
  it('has exactly the 23 methods of API.md, params and results alike', () => {
    expectTypeOf<MethodName>().toEqualTypeOf<(typeof API_METHODS)[number]>();
    expectTypeOf<keyof MethodResults>().toEqualTypeOf<MethodName>();
  });

  it('gives each method the result type of API.md', () => {
    expectTypeOf<MethodResult<'tasks.list'>>().toEqualTypeOf<TaskView[]>();
    expectTypeOf<MethodResult<'tasks.get'>>().toEqualTypeOf<TaskView>();
    expectTypeOf<MethodResult<'tasks.create'>>().toEqualTypeOf<TaskView>();
    expectTypeOf<MethodResult<'tasks.update'>>().toEqualTypeOf<TaskView>();
    expectTypeOf<MethodResult<'tasks.remove'>>().toEqualTypeOf<{ removed: true }>();
    expectTypeOf<MethodResult<'tasks.duplicate'>>().toEqualTypeOf<TaskView>();
    expectTypeOf<MethodResult<'tasks.pause'>>().toEqualTypeOf<TaskView>();
    expectTypeOf<MethodResult<'tasks.resume'>>().toEqualTypeOf<TaskView>();
    expectTypeOf<MethodResult<'tasks.runNow'>>().toEqualTypeOf<{ executionId: string }>();
    expectTypeOf<MethodResult<'tasks.trace'>>().toEqualTypeOf<TraceEntry[]>();
    expectTypeOf<MethodResult<'executions.list'>>().toEqualTypeOf<{
      items: Execution[];
      nextCursor: string | null;
    }>();
    expectTypeOf<MethodResult<'executions.get'>>().toEqualTypeOf<ExecutionDetail>();
    expectTypeOf<MethodResult<'executions.cancel'>>().toEqualTypeOf<Execution>();
    expectTypeOf<MethodResult<'scheduler.status'>>().toEqualTypeOf<SchedulerStatus>();
    expectTypeOf<MethodResult<'scheduler.pauseAll'>>().toEqualTypeOf<SchedulerStatus>();
    expectTypeOf<MethodResult<'scheduler.resumeAll'>>().toEqualTypeOf<SchedulerStatus>();
    expectTypeOf<MethodResult<'settings.get'>>().toEqualTypeOf<Settings>();
    expectTypeOf<MethodResult<'settings.update'>>().toEqualTypeOf<Settings>();
    expectTypeOf<MethodResult<'triggers.preview'>>().toEqualTypeOf<{
      description: string;
      next: string[];
    }>();
    expectTypeOf<MethodResult<'tasks.export'>>().toEqualTypeOf<ExportDocument>();
    expectTypeOf<MethodResult<'tasks.import'>>().toEqualTypeOf<{ imported: number }>();
    expectTypeOf<MethodResult<'stats.summary'>>().toEqualTypeOf<StatsSummary>();
    expectTypeOf<MethodResult<'system.problems'>>().toEqualTypeOf<Problem[]>();
  });

  it('gives the result shapes API.md spells out', () => {
    expectTypeOf<Omit<ExecutionDetail, 'output' | 'samples'>>().toEqualTypeOf<Execution>();
    expectTypeOf<ExecutionDetail['output']>().toEqualTypeOf<OutputChunk[]>();
    expectTypeOf<ExecutionDetail['samples']>().toEqualTypeOf<ResourceSample[]>();
    expectTypeOf<OutputChunk>().toEqualTypeOf<{
      t: number;
      stream: 'stdout' | 'stderr';
      text: string;
    }>();
    expectTypeOf<ResourceSample>().toEqualTypeOf<{
      t: number;
      cpuPercent: number;
      rssBytes: number;
    }>();
    expectTypeOf<SchedulerStatus>().toEqualTypeOf<{
      paused: boolean;
      running: number;
      queued: number;
      maxRunningTasks: number;
      startedAt: string;
    }>();
    expectTypeOf<ExportDocument['format']>().toEqualTypeOf<'taskdeck'>();
    expectTypeOf<ExportDocument['version']>().toEqualTypeOf<1>();
    expectTypeOf<Execution['status']>().toEqualTypeOf<
      | 'queued'
      | 'running'
      | 'succeeded'
      | 'failed'
      | 'timed-out'
      | 'cancelled'
      | 'skipped'
      | 'interrupted'
    >();
    expectTypeOf<TaskView['state']>().toEqualTypeOf<
      'idle' | 'queued' | 'running' | 'paused' | 'completed'
    >();
  });

  it('takes the params input types of API.md', () => {
    expectTypeOf<MethodParamsInput<'tasks.get'>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<MethodParamsInput<'tasks.create'>>().toEqualTypeOf<TaskDocumentInput>();
    expectTypeOf<MethodParams<'tasks.create'>>().toEqualTypeOf<TaskDocument>();
    expectTypeOf<MethodParamsInput<'tasks.update'>>().toEqualTypeOf<{
      id: string;
      patch: Record<string, unknown>;
    }>();
    expectTypeOf<MethodParamsInput<'tasks.trace'>>().toEqualTypeOf<{
      id: string;
      limit?: number | undefined;
    }>();
    // A defaulted param is optional going in and always present coming out.
    expectTypeOf<MethodParams<'tasks.trace'>>().toEqualTypeOf<{ id: string; limit: number }>();
    expectTypeOf<MethodParamsInput<'executions.list'>['status']>().toEqualTypeOf<
      ExecutionStatus | ExecutionStatus[] | undefined
    >();
    expectTypeOf<MethodParamsInput<'triggers.preview'>['trigger']>().toEqualTypeOf<TriggerInput>();
    expectTypeOf<MethodParamsInput<'tasks.import'>['mode']>().toEqualTypeOf<'merge' | 'replace'>();
    expectTypeOf<MethodParamsInput<'settings.update'>>().toEqualTypeOf<{
      maxRunningTasks?: number | undefined;
      sampleIntervalMs?: number | undefined;
      outputTailBytes?: number | undefined;
      killGraceMs?: number | undefined;
      historyMaxAgeDays?: number | undefined;
      closeToTray?: boolean | undefined;
      launchAtLogin?: boolean | undefined;
      notifications?: boolean | undefined;
    }>();
  });

  it('lets a client omit params only where every param is optional', () => {
    const calls = async (api: TaskdeckApi) => {
      const status = await api.call('scheduler.status');
      const list = await api.call('tasks.list');
      const task = await api.call('tasks.get', { id: ID });
      // @ts-expect-error tasks.get needs its id
      await api.call('tasks.get');
      // @ts-expect-error unknown params are a type error too
      await api.call('tasks.get', { id: ID, force: true });
      // @ts-expect-error not a method of API.md
      await api.call('tasks.delete', { id: ID });
      return { status, list, task };
    };
    expectTypeOf(calls).returns.resolves.toEqualTypeOf<{
      status: SchedulerStatus;
      list: TaskView[];
      task: TaskView;
    }>();
  });
});

describe('event map (types)', () => {
  it('has exactly the 8 events of API.md', () => {
    expectTypeOf<ApiEventName>().toEqualTypeOf<(typeof API_EVENTS)[number]>();
  });

  it('gives each event the payload of API.md', () => {
    expectTypeOf<EventPayloads['task.changed']>().toEqualTypeOf<TaskView>();
    expectTypeOf<EventPayloads['task.removed']>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<EventPayloads['execution.changed']>().toEqualTypeOf<Execution>();
    expectTypeOf<EventPayloads['execution.output']>().toEqualTypeOf<{
      executionId: string;
      chunks: OutputChunk[];
    }>();
    expectTypeOf<EventPayloads['execution.sample']>().toEqualTypeOf<{
      executionId: string;
      sample: ResourceSample;
    }>();
    expectTypeOf<EventPayloads['trace']>().toEqualTypeOf<TraceEntry>();
    expectTypeOf<EventPayloads['scheduler.changed']>().toEqualTypeOf<SchedulerStatus>();
    expectTypeOf<EventPayloads['system.sample']>().toEqualTypeOf<SystemSample>();
    expectTypeOf<SystemSample>().toEqualTypeOf<{
      t: number;
      cpuPercent: number;
      memUsedBytes: number;
      memTotalBytes: number;
      onBattery: boolean | null;
    }>();
  });

  it('pairs each event type with its payload in a batch', () => {
    expectTypeOf<Extract<ApiEvent, { type: 'task.removed' }>>().toEqualTypeOf<{
      type: 'task.removed';
      data: { id: string };
    }>();
  });

  it('gives a listener the payload of its event', () => {
    const listen = (api: TaskdeckApi) =>
      api.on('execution.output', (data) => {
        expectTypeOf(data).toEqualTypeOf<EventPayloads['execution.output']>();
      });
    expectTypeOf(listen).returns.toEqualTypeOf<() => void>();
  });
});

describe('method and event names (runtime)', () => {
  it('METHOD_NAMES lists exactly the 23 methods of API.md, in order', () => {
    expect(METHOD_NAMES).toEqual(API_METHODS);
  });

  it('API_EVENT_NAMES lists exactly the 8 events of API.md, in order', () => {
    expect(API_EVENT_NAMES).toEqual(API_EVENTS);
  });

  it('isMethodName knows the methods and nothing inherited', () => {
    for (const name of API_METHODS) expect(isMethodName(name)).toBe(true);
    for (const name of ['tasks.delete', 'toString', '__proto__', 'constructor', '', 42]) {
      expect(isMethodName(name)).toBe(false);
    }
  });
});

describe('method params (runtime)', () => {
  it.each(API_METHODS)('%s accepts its sample params', (method) => {
    expect(() => parseOrThrow(methodParams[method], samples[method])).not.toThrow();
  });

  it.each(API_METHODS)('%s rejects an unknown key at its path', (method) => {
    expect(issuePathsOf(methodParams[method], { ...samples[method], bogus: 1 })).toEqual([
      ['bogus'],
    ]);
  });

  /** Methods whose params are all optional, so a client may omit them (sent as `{}`). */
  const OMITTABLE: readonly MethodName[] = [
    'tasks.list',
    'executions.list',
    'scheduler.status',
    'scheduler.pauseAll',
    'scheduler.resumeAll',
    'settings.get',
    'settings.update',
    'tasks.export',
    'stats.summary',
    'system.problems',
  ];

  it.each(API_METHODS)('%s accepts {} exactly when it has no required param', (method) => {
    expect(methodParams[method].safeParse({}).success).toBe(OMITTABLE.includes(method));
  });
});
