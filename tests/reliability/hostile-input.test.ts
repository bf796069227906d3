import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../electron/core/fake-clock.js';
import { METHOD_NAMES, type MethodName } from '../../shared/api.js';
import { TaskdeckError, type ParamIssue } from '../../shared/errors.js';
import {
  openService,
  removeDir,
  taskDoc,
  type ServiceFixture,
} from '../service/service-fixture.js';
import { checkAccepted } from './support/accepted-input.js';
import { validParams, type KnownIds } from './support/valid-params.js';

const SEED = Number(process.env.TASKDECK_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.TASKDECK_HOSTILE_RUNS ?? 500);
/** Valid params per method, on top of the hostile ones. */
const VALID_RUNS = Number(process.env.TASKDECK_VALID_RUNS ?? 100);
const MISSING = '00000000-0000-4000-8000-000000000000';

let f: ServiceFixture;
let empty: ServiceFixture;
let ids: KnownIds;

beforeAll(async () => {
  console.log(
    `hostile input: seed ${SEED} (TASKDECK_SEED=${SEED} repeats it), ${RUNS} hostile and ${VALID_RUNS} valid inputs per method`,
  );
  // Time stands still: no heartbeat or housekeeping writes a file while the suite compares
  // the folder's bytes, so only an input can change them.
  f = await openService(undefined, { clock: new FakeClock(Date.now()) });
  empty = await openService(undefined, { clock: new FakeClock(Date.now()) });
  await f.service.invoke('scheduler.pauseAll', {});
  const task = await f.service.invoke('tasks.create', taskDoc('target'));
  const other = await f.service.invoke('tasks.create', taskDoc('other'));
  // The live execution is queued when the executions methods' turn comes.
  ids = { task: task.id, other: other.id, execution: MISSING, missing: MISSING };
  // A tasks.json to compare with, as the other instance has.
  await empty.service.invoke('settings.update', {});
});
afterAll(async () => {
  for (const fixture of [f, empty]) {
    await fixture.close();
    removeDir(fixture.dir);
  }
});

/**
 * The bytes of every file in the data folder (tasks.json, state.json and the history/ folder),
 * to prove a rejection changed nothing.
 */
function snapshot(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((name) => {
      const path = join(dir, name);
      return `${name}=${statSync(path).isDirectory() ? '<dir>' : readFileSync(path, 'base64')}`;
    })
    .join('|');
}

/** A `snapshot` without the history's files. */
function outsideHistory(folder: string): string {
  return folder
    .split('|')
    .filter((entry) => !entry.startsWith('history'))
    .join('|');
}

/** Every line of the history's segments, in file order. */
function historyLines(dir: string): string[] {
  const folder = join(dir, 'history');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .flatMap((name) => readFileSync(join(folder, name), 'utf8').split('\n'))
    .filter((line) => line.length > 0);
}

/** What the built-in prototypes own; a polluting input would add to it. */
function prototypeNames(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype].flatMap((proto) =>
    Object.getOwnPropertyNames(proto).sort(),
  );
}

const hostileValue = fc.oneof(
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -0,
    2 ** 53 + 1,
    1e308,
    null,
    undefined,
    true,
    '',
    ' ',
    '\u0000',
    '2026-02-30T00:00:00Z',
    '0000-00-00',
    '* * *',
    '61 * * * *',
    '@reboot',
    'Mars/Base',
    '../../etc/passwd',
    'x'.repeat(100_000),
  ),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
  fc.integer({ min: 50, max: 400 }).map((depth) => {
    let nested: unknown = {};
    for (let i = 0; i < depth; i++) nested = { a: nested };
    return nested;
  }),
);

/** Keys people (and attackers) put in objects: prototype names, unknowns, unicode. */
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'bogus', ''),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);

/** A plausible, valid params object for each method, to mutate. */
function baseParams(method: MethodName): Record<string, unknown> {
  const doc = taskDoc('generated', {
    triggers: [{ type: 'cron', expression: '0 9 * * 1-5', timezone: 'Europe/Berlin' }],
    retry: { maxRetries: 1 },
    tags: ['a'],
  });
  switch (method) {
    case 'tasks.create':
      return doc;
    case 'tasks.update':
      return { id: ids.task, patch: { priority: 3, tags: ['b'] } };
    case 'tasks.list':
      return { tag: 'a', state: 'idle' };
    case 'tasks.trace':
      return { id: ids.task, limit: 10 };
    case 'executions.list':
      return { taskId: ids.task, status: ['failed'], limit: 10 };
    case 'settings.update':
      return { maxRunningTasks: 3, notifications: false };
    case 'triggers.preview':
      return {
        trigger: { type: 'interval', everyMs: 60_000 },
        from: '2026-01-01T00:00:00Z',
        count: 3,
      };
    case 'tasks.import':
      return {
        document: {
          format: 'taskdeck',
          version: 1,
          exportedAt: '2026-01-01T00:00:00Z',
          tasks: [doc],
        },
        mode: 'merge',
      };
    case 'stats.summary':
      return { taskId: ids.task, since: '2026-01-01T00:00:00Z' };
    case 'tasks.get':
    case 'tasks.remove':
    case 'tasks.duplicate':
    case 'tasks.pause':
    case 'tasks.resume':
    case 'tasks.runNow':
      return { id: ids.other };
    case 'executions.get':
    case 'executions.cancel':
      return { id: MISSING };
    default:
      return {};
  }
}

/** Every path of objects and arrays inside a value. */
function paths(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value))
      paths(inner, [...prefix, Array.isArray(value) ? Number(key) : key], out);
  }
  return out;
}

function setAt(
  root: unknown,
  path: (string | number)[],
  write: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  if (path.length === 0) return copy;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  write(parent, path[path.length - 1] as string | number);
  return copy;
}

/**
 * Inputs that would pollute a prototype if any code merged or assigned them key by key: as
 * JSON.parse gives them (own `__proto__` keys), through `__proto__`, `constructor.prototype`
 * and a `prototype` key, nested a level deeper too.
 */
const pollutingPayload = fc.constantFrom(
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"a":{"__proto__":{"polluted":"yes"}}}',
  '[{"__proto__":{"polluted":"yes"}}]',
);

/** A generated input and what was changed in the valid one it came from. */
interface Mutation {
  params: unknown;
  /** The path that was replaced, dropped or added; null when the whole params were replaced. */
  path: (string | number)[] | null;
  /** Carries a payload that would pollute a prototype. */
  polluting: boolean;
  /** Valid as a whole (a careful client's params), not a mutation. */
  valid?: true;
}

/** Own enumerable property, even for "__proto__", as JSON.parse makes one. */
function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    configurable: true,
    writable: true,
  });
}

const mutated = (method: MethodName): fc.Arbitrary<Mutation> => {
  const base = baseParams(method);
  const all = paths(base);
  const objects = all.filter((path) => {
    let target: unknown = base;
    for (const part of path) target = (target as Record<string | number, unknown>)[part];
    return typeof target === 'object' && target !== null && !Array.isArray(target);
  });
  /** A copy of the valid params with `value` added under `key` in the object at `path`. */
  const addedAt = (path: (string | number)[], key: string, value: unknown): unknown => {
    const copy = structuredClone<Record<string, unknown>>(base);
    let target: unknown = copy;
    for (const part of path) target = (target as Record<string | number, unknown>)[part];
    defineOwn(target as object, key, value);
    return copy;
  };
  const whole = (params: unknown): Mutation => ({ params, path: null, polluting: false });
  return fc.oneof(
    { arbitrary: fc.anything({ maxDepth: 4, withNullPrototype: true }).map(whole), weight: 1 },
    { arbitrary: hostileValue.map(whole), weight: 1 },
    {
      arbitrary: fc.tuple(fc.constantFrom(...all), hostileValue).map(([path, value]) =>
        path.length === 0
          ? whole(value)
          : {
              params: setAt(base, path, (parent, key) => (parent[key] = value)),
              path,
              polluting: false,
            },
      ),
      weight: 4,
    },
    {
      // Drop one member (nothing to drop in an empty params object: send none at all).
      arbitrary:
        all.length > 1
          ? fc.constantFrom(...all.slice(1)).map((path) => ({
              params: setAt(base, path, (parent, key) => {
                if (Array.isArray(parent)) parent.splice(Number(key), 1);
                else Reflect.deleteProperty(parent, key);
              }),
              path,
              polluting: false,
            }))
          : fc.constant(whole(undefined)),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...objects), hostileKey, hostileValue)
        .map(([path, key, value]) => ({
          params: addedAt(path, key, value),
          path: [...path, key],
          polluting: false,
        })),
      weight: 3,
    },
    {
      // A polluting payload in place of a member, or under a prototype key of its own.
      arbitrary: fc
        .tuple(fc.constantFrom(...all), pollutingPayload, fc.boolean())
        .map(([path, payload, replace]): Mutation => {
          const value: unknown = JSON.parse(payload);
          if (replace && path.length > 0) {
            return {
              params: setAt(base, path, (parent, key) => (parent[key] = value)),
              path,
              polluting: true,
            };
          }
          const container = objects.includes(path) ? path : [];
          const [key, inner] = Object.entries(value as Record<string, unknown>)[0] ?? [
            '__proto__',
            value,
          ];
          return {
            params: addedAt(container, key, inner),
            path: [...container, key],
            polluting: true,
          };
        }),
      weight: 2,
    },
  );
};

/** Whether one path lies along the other (one is a prefix of the other). */
function alongside(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
}

/** Why `issues` do not name the changed field at `path`, or null when they do. */
function unnamed(issues: readonly ParamIssue[], path: readonly (string | number)[]): string | null {
  for (const issue of issues) {
    if (issue.path.length === 0) return `an issue names no field: ${issue.message}`;
    if (!alongside(issue.path, path))
      return `${issue.path.join('.')} (${issue.message}) is not along ${path.join('.')}`;
  }
  return null;
}

/**
 * A live execution of the task: a new one, or, when the task already holds as many as it
 * allows (an earlier valid update may have made it parallel), one of those.
 */
async function liveExecution(): Promise<string> {
  try {
    return (await f.service.invoke('tasks.runNow', { id: ids.task })).executionId;
  } catch (error) {
    if (!(error instanceof TaskdeckError) || error.code !== 'conflict') throw error;
    const page = await f.service.invoke('executions.list', {
      taskId: ids.task,
      status: 'queued',
      limit: 1,
    });
    const queued = page.items[0];
    if (queued === undefined) throw error;
    return queued.id;
  }
}

/** Calls `method` with `input` and checks whatever comes back; tallies what happened. */
async function attempt(method: MethodName, input: Mutation, tally: Tally): Promise<void> {
  if (input.polluting) tally.polluting++;
  // An accepted resumeAll would start what waits; it gets an instance with no tasks, so no
  // generated command ever runs.
  const target = method === 'scheduler.resumeAll' ? empty : f;
  const tasksFile = join(target.dir, 'tasks.json');
  // History records are written in timed batches: the folder is compared once each is out, so
  // a record an earlier call left pending is not taken for this call's doing.
  const settled = async () => {
    await target.history.flush();
    return snapshot(target.dir);
  };
  const bytesBefore = await settled();
  const linesBefore = historyLines(target.dir).length;
  const fileBefore = readFileSync(tasksFile, 'utf8');
  let result: unknown;
  try {
    result = await target.service.call(method, input.params);
  } catch (error) {
    tally.rejected++;
    expect(error).toBeInstanceOf(TaskdeckError);
    const failure = error as TaskdeckError;
    // Valid params are refused only for the state they meet, never as invalid.
    expect(
      input.valid ? ['not_found', 'conflict'] : ['invalid_params', 'not_found', 'conflict'],
    ).toContain(failure.code);
    if (failure.code === 'invalid_params') {
      expect(failure.issues.length).toBeGreaterThan(0);
      for (const issue of failure.issues) expect(issue.message.length).toBeGreaterThan(0);
      // A changed member is named: the issue's path leads to it or lies inside it.
      if (input.path !== null) expect(unnamed(failure.issues, input.path)).toBeNull();
    }
    const bytesAfter = await settled();
    if (method === 'tasks.runNow' && failure.code === 'conflict') {
      // A refused Run now is a firing the trace explains ("why didn't it run?"): the history
      // gains its skipped entry and nothing else changes.
      expect(outsideHistory(bytesAfter)).toBe(outsideHistory(bytesBefore));
      const added = historyLines(target.dir)
        .slice(linesBefore)
        .map((line) => JSON.parse(line) as { k: string; outcome?: string; taskId?: string });
      expect(added.map(({ k, outcome, taskId }) => ({ k, outcome, taskId }))).toEqual([
        { k: 't', outcome: 'skipped', taskId: (input.params as { id: string }).id },
      ]);
      return;
    }
    expect(bytesAfter).toBe(bytesBefore);
    return;
  }
  tally.accepted++;
  await checkAccepted(
    {
      method,
      params: input.params,
      result,
      bytesBefore,
      bytesAfter: await settled(),
      fileBefore,
      fileAfter: readFileSync(tasksFile, 'utf8'),
    },
    target.service,
  );
}

interface Tally {
  accepted: number;
  rejected: number;
  polluting: number;
}

describe('hostile input: every method rejects with a named field or accepts as valid; a rejection changes nothing', () => {
  // Removal last, so the methods before it can also succeed on the task it may remove.
  const order = [...METHOD_NAMES.filter((m) => m !== 'tasks.remove'), 'tasks.remove' as const];
  const prototypes = prototypeNames();
  it.each(order)(
    '%s',
    async (method) => {
      const hostile: Tally = { accepted: 0, rejected: 0, polluting: 0 };
      await fc.assert(
        fc.asyncProperty(mutated(method), async (input) => {
          await attempt(method, input, hostile);
          expect(prototypeNames()).toEqual(prototypes);
        }),
        { numRuns: RUNS, seed: SEED },
      );
      // Inputs a careful client sends: accepted (and stored as sent) unless the state forbids.
      const valid: Tally = { accepted: 0, rejected: 0, polluting: 0 };
      // A live execution for executions.get and cancel to meet: pausing or editing the task, in
      // the tests before, ended the ones queued then.
      const execution = method.startsWith('executions.') ? await liveExecution() : MISSING;
      const variants = validParams(method, { ...ids, execution }).map((params): Mutation => ({
        params,
        path: null,
        polluting: false,
        valid: true,
      }));
      await fc.assert(
        fc.asyncProperty(variants, (input) => attempt(method, input, valid)),
        { numRuns: VALID_RUNS, seed: SEED },
      );
      console.log(
        `${method}: hostile ${hostile.accepted} accepted, ${hostile.rejected} rejected, ` +
          `${hostile.polluting} polluting; valid ${valid.accepted} accepted, ${valid.rejected} refused by state`,
      );
      expect(hostile.polluting).toBeGreaterThan(0);
      expect(valid.accepted).toBeGreaterThan(0);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // Nothing ever ran: the scheduler stayed paused throughout.
      expect((await f.service.invoke('scheduler.status', {})).running).toBe(0);
      // Hundreds of calls, each followed by reads of the folder: ~10 s on an idle machine.
    },
    180_000,
  );
});
