import { expect } from 'vitest';
import { z } from 'zod';
import type { TaskdeckService } from '../../../electron/core/service/taskdeck-service.js';
import {
  tasksFileSchema,
  type TasksFile,
} from '../../../electron/adapters/stores/tasks-file-schema.js';
import { methodParams, type MethodName } from '../../../shared/api.js';
import {
  executionDetailSchema,
  executionSchema,
  type Execution,
} from '../../../shared/schemas/execution.js';
import { idSchema, utcTimeSchema } from '../../../shared/schemas/primitives.js';
import { settingsSchema } from '../../../shared/schemas/settings.js';
import { statsSummarySchema } from '../../../shared/schemas/stats.js';
import { problemSchema, schedulerStatusSchema } from '../../../shared/schemas/system.js';
import {
  storedTaskSchema,
  taskDocumentSchema,
  taskViewSchema,
  type StoredTask,
  type TaskDocument,
  type TaskView,
} from '../../../shared/schemas/task.js';
import { traceEntrySchema } from '../../../shared/schemas/trace.js';
import { exportDocumentSchema } from '../../../shared/schemas/transfer.js';
import { referenceMergePatch } from './reference-merge-patch.js';

/** What each method answers, as the shared schemas describe it (API.md's "result" column). */
const resultSchemas: { [M in MethodName]: z.ZodType } = {
  'tasks.list': z.array(taskViewSchema),
  'tasks.get': taskViewSchema,
  'tasks.create': taskViewSchema,
  'tasks.update': taskViewSchema,
  'tasks.remove': z.strictObject({ removed: z.literal(true) }),
  'tasks.duplicate': taskViewSchema,
  'tasks.pause': taskViewSchema,
  'tasks.resume': taskViewSchema,
  'tasks.runNow': z.strictObject({ executionId: idSchema }),
  'tasks.trace': z.array(traceEntrySchema),
  'executions.list': z.strictObject({
    items: z.array(executionSchema),
    nextCursor: z.string().nullable(),
  }),
  'executions.get': executionDetailSchema,
  'executions.cancel': executionSchema,
  'scheduler.status': schedulerStatusSchema,
  'scheduler.pauseAll': schedulerStatusSchema,
  'scheduler.resumeAll': schedulerStatusSchema,
  'settings.get': settingsSchema,
  'settings.update': settingsSchema,
  'triggers.preview': z.strictObject({ description: z.string(), next: z.array(utcTimeSchema) }),
  'tasks.export': exportDocumentSchema,
  'tasks.import': z.strictObject({ imported: z.number().int().min(0) }),
  'stats.summary': statsSummarySchema,
  'system.problems': z.array(problemSchema),
};

/** Methods that write nothing (pausing all is not stored): the stores stay byte-identical. */
const READS: ReadonlySet<MethodName> = new Set([
  'tasks.list',
  'tasks.get',
  'tasks.trace',
  'executions.list',
  'executions.get',
  'scheduler.status',
  'scheduler.pauseAll',
  'scheduler.resumeAll',
  'settings.get',
  'triggers.preview',
  'tasks.export',
  'stats.summary',
  'system.problems',
]);

const pick = (value: object, keys: readonly string[]) =>
  Object.fromEntries(
    Object.entries(value).filter(([key, inner]) => keys.includes(key) && inner !== undefined),
  );
const DOCUMENT_KEYS = Object.keys(taskDocumentSchema.shape);
const STORED_KEYS = Object.keys(storedTaskSchema.shape);
/** The task document inside a stored task or a view. */
const documentOf = (task: StoredTask | TaskView) => pick(task, DOCUMENT_KEYS);
/** The stored task inside a view (what tasks.json must hold for it). */
const storedOf = (task: StoredTask | TaskView) => pick(task, STORED_KEYS);

/** API.md: an interval without `startAt` counts from the moment it was saved. */
function withStartsAt(document: TaskDocument, savedAt: string): Record<string, unknown> {
  return pick(
    {
      ...document,
      triggers: document.triggers.map((trigger) =>
        trigger.type === 'interval' && trigger.startAt === undefined
          ? { ...trigger, startAt: savedAt }
          : trigger,
      ),
    },
    DOCUMENT_KEYS,
  );
}

/** `tasks.json` as the store wrote it, validated by the store's own schema. */
function parseTasksFile(text: string): TasksFile {
  return tasksFileSchema.parse(JSON.parse(text));
}

const byId = (file: TasksFile) => new Map(file.tasks.map((task) => [task.id, task]));

/** One call the service accepted, with the folder's bytes and `tasks.json` around it. */
export interface AcceptedCall {
  method: MethodName;
  params: unknown;
  result: unknown;
  bytesBefore: string;
  bytesAfter: string;
  /** The text of `tasks.json` before and after the call. */
  fileBefore: string;
  fileAfter: string;
}

/**
 * A value as clients see it: everything the service answers or stores travels as JSON, where,
 * for one, an accepted -0 is 0 (the schemas take it as an integer like any other).
 */
function wire<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * Everything an accepted input must satisfy: its params are valid per the shared schema, the
 * result has the shape API.md gives (with nothing missing: it parses to itself), what was
 * stored is what was accepted, reads changed no byte, and the stores agree with the service.
 */
export async function checkAccepted(call: AcceptedCall, service: TaskdeckService): Promise<void> {
  const { method, params, result } = call;
  const parsed = methodParams[method].safeParse(params ?? {});
  expect(parsed.error?.issues, `${method} accepted params the schema refuses`).toBeUndefined();
  const shaped = resultSchemas[method].safeParse(result);
  expect(shaped.error?.issues, `${method} answered outside its schema`).toBeUndefined();
  expect(shaped.data, `${method}'s answer is not in its normal form`).toEqual(result);
  await expectAnswerFits(method, parsed.data, result, service);
  if (READS.has(method)) {
    // Nothing to compare: the stores are as the last write left them (checked then).
    expect(call.bytesAfter, `${method} wrote to the stores`).toBe(call.bytesBefore);
    return;
  }
  const after = parseTasksFile(call.fileAfter);
  const before = call.fileBefore === call.fileAfter ? after : parseTasksFile(call.fileBefore);
  await expectStoresAgree(after, service);
  // A patch is checked as sent: parsing it as a record would drop an own `__proto__` member.
  const accepted = method === 'tasks.update' ? params : parsed.data;
  expectStoredAsAccepted(method, wire(accepted), wire(result), before, after);
}

/** The service's tasks, settings and history agree with what `tasks.json` holds. */
async function expectStoresAgree(file: TasksFile, service: TaskdeckService): Promise<void> {
  const views = wire(await service.invoke('tasks.list', {}));
  expect(views.map(storedOf), 'tasks.list against tasks.json').toEqual(file.tasks.map(storedOf));
  expect(wire(await service.invoke('settings.get', {})), 'settings against tasks.json').toEqual(
    file.settings,
  );
  const ids = new Set(file.tasks.map((task) => task.id));
  const { items } = await service.invoke('executions.list', { limit: 500 });
  const orphans = items.filter((execution) => !ids.has(execution.taskId));
  expect(orphans, 'executions of tasks that are gone').toEqual([]);
}

/** What a write stored is what it accepted (and nothing else changed). */
function expectStoredAsAccepted(
  method: MethodName,
  params: unknown,
  result: unknown,
  before: TasksFile,
  after: TasksFile,
): void {
  const was = byId(before);
  const is = byId(after);
  const view = result as TaskView;
  const unchangedBut = (...ids: string[]) => {
    for (const [id, task] of was) if (!ids.includes(id)) expect(is.get(id)).toEqual(task);
  };
  switch (method) {
    case 'tasks.create': {
      const document = params as TaskDocument;
      expect(documentOf(view)).toEqual(withStartsAt(document, view.createdAt));
      expect(storedOf(is.get(view.id) ?? view)).toEqual(storedOf(view));
      expect(after.tasks).toHaveLength(before.tasks.length + 1);
      unchangedBut();
      break;
    }
    case 'tasks.update': {
      const { id, patch } = params as { id: string; patch: Record<string, unknown> };
      const old = was.get(id);
      expect(old, 'updated a task that was not stored').toBeDefined();
      if (old === undefined) return;
      const merged = taskDocumentSchema.safeParse(referenceMergePatch(documentOf(old), patch));
      expect(merged.error?.issues, 'accepted a patch that makes an invalid task').toBeUndefined();
      if (merged.data === undefined) return;
      expect(documentOf(view)).toEqual(withStartsAt(merged.data, view.updatedAt));
      expect([view.id, view.createdAt]).toEqual([old.id, old.createdAt]);
      expect(storedOf(is.get(id) ?? old)).toEqual(storedOf(view));
      unchangedBut(id);
      break;
    }
    case 'tasks.duplicate': {
      const source = was.get((params as { id: string }).id);
      expect(source).toBeDefined();
      if (source === undefined) return;
      expect(documentOf(view)).toEqual({
        ...documentOf(source),
        name: `${source.name} (copy)`.slice(0, 200),
        enabled: false,
      });
      expect(storedOf(is.get(view.id) ?? view)).toEqual(storedOf(view));
      unchangedBut();
      break;
    }
    case 'tasks.pause':
    case 'tasks.resume': {
      const id = (params as { id: string }).id;
      const old = was.get(id);
      expect(old).toBeDefined();
      if (old === undefined) return;
      expect(documentOf(view)).toEqual({ ...documentOf(old), enabled: method === 'tasks.resume' });
      expect(storedOf(is.get(id) ?? old)).toEqual(storedOf(view));
      unchangedBut(id);
      break;
    }
    case 'tasks.remove': {
      const id = (params as { id: string }).id;
      expect(is.has(id), 'a removed task is still stored').toBe(false);
      expect(after.tasks).toHaveLength(before.tasks.length - 1);
      unchangedBut(id);
      break;
    }
    case 'settings.update':
      expect(result).toEqual(settingsSchema.parse({ ...before.settings, ...(params as object) }));
      expect(after.settings).toEqual(result);
      expect(after.tasks).toEqual(before.tasks);
      break;
    case 'tasks.import':
      expectImported(
        params as z.output<(typeof methodParams)['tasks.import']>,
        result,
        before,
        after,
      );
      break;
    case 'tasks.runNow':
      expect(after).toEqual(before);
      break;
    default:
      break;
  }
}

/** Every task of the document stored (merge keeps the others untouched), settings as asked. */
function expectImported(
  { document, mode }: z.output<(typeof methodParams)['tasks.import']>,
  result: unknown,
  before: TasksFile,
  after: TasksFile,
): void {
  expect(result).toEqual({ imported: document.tasks.length });
  const old = byId(before);
  if (mode === 'merge')
    for (const task of before.tasks) expect(byId(after).get(task.id)).toEqual(task);
  const added = after.tasks.filter((task) => mode === 'replace' || !old.has(task.id));
  expect(added).toHaveLength(document.tasks.length);
  const stamp = added[0]?.updatedAt ?? '';
  // Compared as text with every object's keys in order, so the list's order does not matter.
  const sorted = (documents: Record<string, unknown>[]) =>
    documents.map((d) => JSON.stringify(d, keysInOrder)).sort();
  expect(sorted(added.map(documentOf))).toEqual(
    sorted(
      document.tasks.map((task) => withStartsAt(pick(task, DOCUMENT_KEYS) as TaskDocument, stamp)),
    ),
  );
  expect(after.settings).toEqual(
    mode === 'replace' && document.settings !== undefined ? document.settings : before.settings,
  );
}

function keysInOrder(_key: string, value: unknown): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
    : value;
}

/** What a read answered fits what it was asked. */
async function expectAnswerFits(
  method: MethodName,
  params: unknown,
  result: unknown,
  service: TaskdeckService,
): Promise<void> {
  switch (method) {
    case 'tasks.list': {
      const { tag, state } = params as { tag?: string; state?: string };
      for (const view of result as TaskView[]) {
        if (tag !== undefined) expect(view.tags).toContain(tag);
        if (state !== undefined) expect(view.state).toBe(state);
      }
      break;
    }
    case 'tasks.get':
      expect((result as TaskView).id).toBe((params as { id: string }).id);
      break;
    case 'tasks.trace':
      expect((result as unknown[]).length).toBeLessThanOrEqual((params as { limit: number }).limit);
      break;
    case 'executions.list': {
      const { taskId, status, limit } = params as {
        taskId?: string;
        status?: string | string[];
        limit: number;
      };
      const { items } = result as { items: Execution[] };
      expect(items.length).toBeLessThanOrEqual(limit);
      const statuses = status === undefined ? null : [status].flat();
      for (const item of items) {
        if (taskId !== undefined) expect(item.taskId).toBe(taskId);
        if (statuses !== null) expect(statuses).toContain(item.status);
      }
      break;
    }
    case 'tasks.runNow': {
      const { executionId } = result as { executionId: string };
      const execution = await service.invoke('executions.get', { id: executionId });
      expect(execution.taskId).toBe((params as { id: string }).id);
      break;
    }
    case 'triggers.preview': {
      const { from, count } = params as { from?: string; count: number };
      const { next } = result as { next: string[] };
      expect(next.length).toBeLessThanOrEqual(count);
      // Strictly after `from` (when given), each strictly after the one before.
      const times = [...(from === undefined ? [] : [from]), ...next].map(Date.parse);
      for (let i = 1; i < times.length; i++) {
        expect(times[i]).toBeGreaterThan(times[i - 1] ?? Infinity);
      }
      break;
    }
    case 'tasks.export': {
      const exported = result as { tasks: Record<string, unknown>[] };
      const views = await service.invoke('tasks.list', {});
      expect(exported.tasks.map((task) => task['id'])).toEqual(views.map((view) => view.id));
      break;
    }
    default:
      break;
  }
}
