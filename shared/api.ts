import { z } from 'zod';
import { EXECUTION_STATUSES, executionStatusSchema } from './schemas/execution.js';
import type {
  Execution,
  ExecutionDetail,
  OutputChunk,
  ResourceSample,
} from './schemas/execution.js';
import { idSchema, int, isoDateTimeSchema, refuseOwnProto } from './schemas/primitives.js';
import { settingsPatchSchema } from './schemas/settings.js';
import type { Settings } from './schemas/settings.js';
import type { StatsSummary } from './schemas/stats.js';
import type { Problem, SchedulerStatus, SystemSample } from './schemas/system.js';
import { dstSchema, taskDocumentSchema, taskStateSchema } from './schemas/task.js';
import type { TaskView } from './schemas/task.js';
import type { TraceEntry } from './schemas/trace.js';
import { exportDocumentSchema } from './schemas/transfer.js';
import type { ExportDocument } from './schemas/transfer.js';
import { triggerSchema } from './schemas/trigger.js';

const byId = z.strictObject({ id: idSchema });
const empty = z.strictObject({});

/** The params schema of every method: the whole inbound surface of the API. */
export const methodParams = {
  'tasks.list': z.strictObject({
    tag: z.string().max(40).optional(),
    state: taskStateSchema.optional(),
  }),
  'tasks.get': byId,
  'tasks.create': taskDocumentSchema,
  'tasks.update': z.strictObject({
    id: idSchema,
    // Validated after it is applied, against the whole task document. Not a zod record, which
    // would drop an own `__proto__` member instead of refusing it.
    patch: z
      .custom<Record<string, unknown>>(
        (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
        { error: 'Must be an object: an RFC 7396 merge patch of the task' },
      )
      .check(refuseOwnProto('Unknown field')),
  }),
  'tasks.remove': byId,
  'tasks.duplicate': byId,
  'tasks.pause': byId,
  'tasks.resume': byId,
  'tasks.runNow': byId,
  'tasks.trace': z.strictObject({ id: idSchema, limit: int(1, 1_000).default(100) }),
  'executions.list': z.strictObject({
    taskId: idSchema.optional(),
    status: z
      .union([
        executionStatusSchema,
        z.array(executionStatusSchema).min(1).max(EXECUTION_STATUSES.length),
      ])
      .optional(),
    cursor: z.string().max(200).optional(),
    limit: int(1, 500).default(100),
  }),
  'executions.get': byId,
  'executions.cancel': byId,
  'scheduler.status': empty,
  'scheduler.pauseAll': empty,
  'scheduler.resumeAll': empty,
  'settings.get': empty,
  'settings.update': settingsPatchSchema,
  'triggers.preview': z.strictObject({
    trigger: triggerSchema,
    from: isoDateTimeSchema.optional(),
    count: int(1, 100).default(5),
    /** Optional: preview with a task's daylight-saving policy. */
    dst: dstSchema.optional(),
  }),
  'tasks.export': empty,
  'tasks.import': z.strictObject({
    document: exportDocumentSchema,
    mode: z.enum(['merge', 'replace']),
  }),
  'stats.summary': z.strictObject({
    taskId: idSchema.optional(),
    since: isoDateTimeSchema.optional(),
  }),
  'system.problems': empty,
} as const;

/** What each method resolves to. */
export interface MethodResults {
  'tasks.list': TaskView[];
  'tasks.get': TaskView;
  'tasks.create': TaskView;
  'tasks.update': TaskView;
  'tasks.remove': { removed: true };
  'tasks.duplicate': TaskView;
  'tasks.pause': TaskView;
  'tasks.resume': TaskView;
  'tasks.runNow': { executionId: string };
  'tasks.trace': TraceEntry[];
  'executions.list': { items: Execution[]; nextCursor: string | null };
  'executions.get': ExecutionDetail;
  'executions.cancel': Execution;
  'scheduler.status': SchedulerStatus;
  'scheduler.pauseAll': SchedulerStatus;
  'scheduler.resumeAll': SchedulerStatus;
  'settings.get': Settings;
  'settings.update': Settings;
  'triggers.preview': { description: string; next: string[] };
  'tasks.export': ExportDocument;
  'tasks.import': { imported: number };
  'stats.summary': StatsSummary;
  'system.problems': Problem[];
}

export type MethodName = keyof typeof methodParams;
/** Every method name, in the order of API.md. */
export const METHOD_NAMES = Object.keys(methodParams) as MethodName[];
export type MethodParamsInput<M extends MethodName> = z.input<(typeof methodParams)[M]>;
export type MethodParams<M extends MethodName> = z.output<(typeof methodParams)[M]>;
export type MethodResult<M extends MethodName> = MethodResults[M];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methodParams, name);
}

/** The events every client receives, with their payloads. */
export interface EventPayloads {
  'task.changed': TaskView;
  'task.removed': { id: string };
  'execution.changed': Execution;
  'execution.output': { executionId: string; chunks: OutputChunk[] };
  'execution.sample': { executionId: string; sample: ResourceSample };
  trace: TraceEntry;
  'scheduler.changed': SchedulerStatus;
  'system.sample': SystemSample;
}
export type ApiEventName = keyof EventPayloads;
export const API_EVENT_NAMES: readonly ApiEventName[] = [
  'task.changed',
  'task.removed',
  'execution.changed',
  'execution.output',
  'execution.sample',
  'trace',
  'scheduler.changed',
  'system.sample',
];

/** One event as it travels in a batch. */
export type ApiEvent = { [E in ApiEventName]: { type: E; data: EventPayloads[E] } }[ApiEventName];

/**
 * The params argument of `call`: optional where no param is required. `{}` params infer as
 * Record<string, never>, which `object` does not extend, so they need their own test.
 */
export type CallParams<M extends MethodName> =
  object extends MethodParamsInput<M>
    ? [params?: MethodParamsInput<M>]
    : MethodParamsInput<M> extends Record<string, never>
      ? [params?: MethodParamsInput<M>]
      : [params: MethodParamsInput<M>];

/**
 * The whole API as a client sees it; the Electron preload and the WebSocket client both
 * implement it, so the window cannot tell them apart.
 */
export interface TaskdeckApi {
  call<M extends MethodName>(method: M, ...params: CallParams<M>): Promise<MethodResult<M>>;
  on<E extends ApiEventName>(event: E, listener: (data: EventPayloads[E]) => void): () => void;
}
