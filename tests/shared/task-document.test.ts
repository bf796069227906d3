import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taskDocumentSchema, type TaskDocument } from '../../shared/schemas/task.js';
import { parseOrThrow } from '../../shared/validation.js';
import { issuePathsOf, rejectionOf } from './issues-of.js';

type Path = (string | number)[];

/** The smallest document `tasks.create` accepts: every other field is left to its default. */
const minimal = {
  name: 'Back up notes',
  triggers: [{ type: 'interval', everyMs: 60_000 }],
  action: { type: 'command', command: 'true' },
};

const interval = { type: 'interval', everyMs: 60_000 };
const parse = (input: unknown): TaskDocument => parseOrThrow(taskDocumentSchema, input);
const pathOf = (field: string): Path =>
  field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/** `minimal` with `value` set at the dotted `field`, creating the objects on the way. */
function withValue(field: string, value: unknown): Record<string, unknown> {
  const doc: Record<string, unknown> = structuredClone(minimal);
  const keys = field.split('.');
  const last = keys.pop() ?? field;
  let node = doc;
  for (const key of keys) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[last] = value;
  return doc;
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (node, key) => (node as Record<string | number, unknown> | undefined)?.[key],
    value,
  );
}

/** One row of a bounds table: where to set the value, and where the issue is when not `field`. */
interface BoundRow {
  field: string;
  value: unknown;
  at?: string;
  shown?: string;
}

/** Table rows as `[field, label, value, issue path]`, the label defaulting to the value as JSON. */
function rows(table: BoundRow[]): [string, string, unknown, string | undefined][] {
  return table.map(({ field, value, at, shown }) => [
    field,
    shown ?? JSON.stringify(value),
    value,
    at,
  ]);
}

/** Rejects `input` and checks that every issue, and the message, names `path`. */
function expectRejectedAt(input: unknown, path: Path): void {
  const error = rejectionOf(taskDocumentSchema, input);
  expect(error.issues.length).toBeGreaterThan(0);
  expect(error.issues.map((issue) => issue.path)).toEqual(error.issues.map(() => path));
  expect(error.message).toContain(`${path.join('.')}: `);
}

describe('task document: defaults when a field is absent (API.md "Task document")', () => {
  const doc = parse(minimal);

  it.each<[keyof TaskDocument, unknown]>([
    ['description', ''],
    ['enabled', true],
    ['priority', 0],
    ['timeoutMs', null],
    ['overlap', 'skip'],
    ['maxParallel', 2],
    ['missedRuns', 'runOnce'],
    ['notify', 'failure'],
    ['keepHistory', 500],
    ['tags', []],
    [
      'retry',
      { maxRetries: 0, delayMs: 10_000, backoff: 'fixed', maxDelayMs: 3_600_000, jitter: false },
    ],
    ['conditions', { acPower: false, idleForMs: 0, maxSystemCpuPercent: null, deadlineMs: null }],
    ['limits', { maxMemoryMb: null }],
  ])('%s defaults to %j', (field, expected) => {
    expect(doc[field]).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ['retry.maxRetries', 0],
    ['retry.delayMs', 10_000],
    ['retry.backoff', 'fixed'],
    ['retry.maxDelayMs', 3_600_000],
    ['retry.jitter', false],
    ['dst.gap', 'shift'],
    ['dst.overlap', 'first'],
    ['conditions.acPower', false],
    ['conditions.idleForMs', 0],
    ['conditions.maxSystemCpuPercent', null],
    ['conditions.deadlineMs', null],
    ['limits.maxMemoryMb', null],
  ])('%s defaults to %j inside an object that omits it', (field, expected) => {
    const [parent = ''] = field.split('.');
    expect(valueAt(parse({ ...minimal, [parent]: {} }), pathOf(field))).toEqual(expected);
  });

  it('fills the omitted members of a partly given object and keeps the given ones', () => {
    const parsed = parse({ ...minimal, retry: { maxRetries: 3, backoff: 'exponential' } });
    expect(parsed.retry).toEqual({
      maxRetries: 3,
      delayMs: 10_000,
      backoff: 'exponential',
      maxDelayMs: 3_600_000,
      jitter: false,
    });
  });

  it('leaves dst out when absent, so cron triggers use the automatic policy of DESIGN.md', () => {
    // API.md lists dst's default as {gap: shift, overlap: first}; an absent dst instead lets
    // hourly-or-faster expressions keep firing in elapsed time (shared/schemas/task.ts).
    expect(doc).not.toHaveProperty('dst');
  });

  it.each(['name', 'triggers', 'action'])('%s is required', (field) => {
    const doc: Record<string, unknown> = structuredClone(minimal);
    Reflect.deleteProperty(doc, field);
    expectRejectedAt(doc, [field]);
  });
});

const twentyTriggers = Array.from({ length: 20 }, () => interval);
const twentyTags = Array.from({ length: 20 }, (_, i) => `tag-${i}`);

describe('task document: a value just inside each bound is accepted', () => {
  it.each(
    rows([
      { field: 'name', value: 'a' },
      { field: 'name', value: 'x'.repeat(200), shown: '200 characters' },
      { field: 'description', value: '' },
      { field: 'description', value: 'x'.repeat(10_000), shown: '10,000 characters' },
      { field: 'enabled', value: false },
      { field: 'enabled', value: true },
      { field: 'priority', value: -100 },
      { field: 'priority', value: 100 },
      { field: 'triggers', value: [interval], shown: '1 trigger' },
      { field: 'triggers', value: twentyTriggers, shown: '20 triggers' },
      { field: 'action', value: { type: 'command', argv: ['/bin/true'] }, shown: 'argv' },
      { field: 'retry.maxRetries', value: 0 },
      { field: 'retry.maxRetries', value: 100 },
      { field: 'retry.delayMs', value: 0 },
      { field: 'retry.delayMs', value: 86_400_000 },
      { field: 'retry.backoff', value: 'fixed' },
      { field: 'retry.backoff', value: 'exponential' },
      { field: 'retry.maxDelayMs', value: 0 },
      { field: 'retry.maxDelayMs', value: 86_400_000 },
      { field: 'retry.jitter', value: true },
      { field: 'timeoutMs', value: null },
      { field: 'timeoutMs', value: 1_000 },
      { field: 'timeoutMs', value: 604_800_000 },
      { field: 'overlap', value: 'skip' },
      { field: 'overlap', value: 'queue' },
      { field: 'overlap', value: 'parallel' },
      { field: 'overlap', value: 'replace' },
      { field: 'maxParallel', value: 2 },
      { field: 'maxParallel', value: 64 },
      { field: 'missedRuns', value: 'skip' },
      { field: 'missedRuns', value: 'runOnce' },
      { field: 'dst.gap', value: 'shift' },
      { field: 'dst.gap', value: 'skip' },
      { field: 'dst.overlap', value: 'first' },
      { field: 'dst.overlap', value: 'both' },
      { field: 'conditions.acPower', value: true },
      { field: 'conditions.idleForMs', value: 0 },
      { field: 'conditions.idleForMs', value: 86_400_000 },
      { field: 'conditions.maxSystemCpuPercent', value: null },
      { field: 'conditions.maxSystemCpuPercent', value: 1 },
      { field: 'conditions.maxSystemCpuPercent', value: 100 },
      { field: 'conditions.deadlineMs', value: null },
      { field: 'conditions.deadlineMs', value: 0 },
      { field: 'conditions.deadlineMs', value: 604_800_000 },
      { field: 'limits.maxMemoryMb', value: null },
      { field: 'limits.maxMemoryMb', value: 1 },
      { field: 'limits.maxMemoryMb', value: 1_048_576 },
      { field: 'notify', value: 'never' },
      { field: 'notify', value: 'failure' },
      { field: 'notify', value: 'always' },
      { field: 'keepHistory', value: 1 },
      { field: 'keepHistory', value: 100_000 },
      { field: 'tags', value: [] },
      { field: 'tags', value: twentyTags, shown: '20 tags' },
      { field: 'tags', value: ['x'.repeat(40)], shown: 'a 40-character tag' },
    ]),
  )('%s accepts %s', (field, _shown, value) => {
    expect(valueAt(parse(withValue(field, value)), pathOf(field))).toEqual(value);
  });
});

describe('task document: a value just outside each bound is rejected, naming the field', () => {
  it.each(
    rows([
      { field: 'name', value: '' },
      { field: 'name', value: 'x'.repeat(201), shown: '201 characters' },
      { field: 'name', value: ' \t\n ', shown: 'whitespace only' },
      { field: 'name', value: 42 },
      { field: 'description', value: 'x'.repeat(10_001), shown: '10,001 characters' },
      { field: 'description', value: null },
      { field: 'enabled', value: 'true' },
      { field: 'enabled', value: 1 },
      { field: 'priority', value: -101 },
      { field: 'priority', value: 101 },
      { field: 'priority', value: 1.5 },
      { field: 'priority', value: '1' },
      { field: 'triggers', value: [], shown: 'no trigger' },
      { field: 'triggers', value: [...twentyTriggers, interval], shown: '21 triggers' },
      { field: 'action', value: 'true' },
      { field: 'action', value: { type: 'command' }, at: 'action.command', shown: 'no command' },
      { field: 'retry', value: null },
      { field: 'retry.maxRetries', value: -1 },
      { field: 'retry.maxRetries', value: 101 },
      { field: 'retry.maxRetries', value: 1.5 },
      { field: 'retry.delayMs', value: -1 },
      { field: 'retry.delayMs', value: 86_400_001 },
      { field: 'retry.backoff', value: 'linear' },
      { field: 'retry.maxDelayMs', value: -1 },
      { field: 'retry.maxDelayMs', value: 86_400_001 },
      { field: 'retry.jitter', value: 'yes' },
      { field: 'timeoutMs', value: 0 },
      { field: 'timeoutMs', value: 999 },
      { field: 'timeoutMs', value: 604_800_001 },
      { field: 'overlap', value: 'drop' },
      { field: 'maxParallel', value: 1 },
      { field: 'maxParallel', value: 65 },
      { field: 'missedRuns', value: 'all' },
      { field: 'dst', value: null },
      { field: 'dst.gap', value: 'later' },
      { field: 'dst.overlap', value: 'second' },
      { field: 'conditions.acPower', value: 1 },
      { field: 'conditions.idleForMs', value: -1 },
      { field: 'conditions.idleForMs', value: 86_400_001 },
      { field: 'conditions.idleForMs', value: 1.5 },
      { field: 'conditions.maxSystemCpuPercent', value: 0.99 },
      { field: 'conditions.maxSystemCpuPercent', value: 100.01 },
      { field: 'conditions.deadlineMs', value: -1 },
      { field: 'conditions.deadlineMs', value: 604_800_001 },
      { field: 'limits.maxMemoryMb', value: 0 },
      { field: 'limits.maxMemoryMb', value: 1_048_577 },
      { field: 'notify', value: 'sometimes' },
      { field: 'keepHistory', value: 0 },
      { field: 'keepHistory', value: 100_001 },
      { field: 'tags', value: 'backup' },
      { field: 'tags', value: [...twentyTags, 'one-more'], shown: '21 tags' },
      { field: 'tags', value: ['x'.repeat(41)], at: 'tags.0', shown: 'a 41-character tag' },
      { field: 'tags', value: ['ok', ''], at: 'tags.1', shown: 'an empty tag' },
      { field: 'tags', value: ['ok', '   '], at: 'tags.1', shown: 'a blank tag' },
      { field: 'tags', value: ['ok', 7], at: 'tags.1', shown: 'a number tag' },
      { field: 'tags', value: ['a', 'a'], shown: 'a repeated tag' },
    ]),
  )('%s rejects %s', (field, _shown, value, at) => {
    expectRejectedAt(withValue(field, value), pathOf(at ?? field));
  });
});

describe('task document: integer bounds hold for every integer (fast-check)', () => {
  it.each<[string, number, number]>([
    ['priority', -100, 100],
    ['maxParallel', 2, 64],
    ['keepHistory', 1, 100_000],
    ['timeoutMs', 1_000, 604_800_000],
    ['retry.maxRetries', 0, 100],
    ['retry.delayMs', 0, 86_400_000],
    ['retry.maxDelayMs', 0, 86_400_000],
    ['conditions.idleForMs', 0, 86_400_000],
    ['conditions.deadlineMs', 0, 604_800_000],
    ['limits.maxMemoryMb', 1, 1_048_576],
  ])('%s: every integer in [%d, %d] is kept, every other one is rejected', (field, min, max) => {
    fc.assert(
      fc.property(fc.integer({ min, max }), (value) => {
        expect(valueAt(parse(withValue(field, value)), pathOf(field))).toBe(value);
      }),
    );
    const outside = fc.oneof(
      fc.integer({ max: min - 1 }),
      fc.integer({ min: max + 1 }),
      fc.double({ min, max, noNaN: true }).filter((value) => !Number.isInteger(value)),
    );
    fc.assert(
      fc.property(outside, (value) => {
        expect(issuePathsOf(taskDocumentSchema, withValue(field, value))).toEqual([pathOf(field)]);
      }),
    );
  });
});

describe('task document: unknown keys are rejected at every level, with their path', () => {
  it.each<[string, Record<string, unknown>, Path]>([
    ['the document', { ...minimal, colour: 'red' }, ['colour']],
    ['retry', withValue('retry.tries', 3), ['retry', 'tries']],
    ['dst', withValue('dst.spring', 'shift'), ['dst', 'spring']],
    ['conditions', withValue('conditions.onWifi', true), ['conditions', 'onWifi']],
    ['limits', withValue('limits.maxCpu', 50), ['limits', 'maxCpu']],
    ['action', withValue('action.shell', '/bin/bash'), ['action', 'shell']],
    [
      'an interval trigger',
      { ...minimal, triggers: [{ ...interval, every: '1m' }] },
      ['triggers', 0, 'every'],
    ],
    [
      'a cron trigger',
      { ...minimal, triggers: [{ type: 'cron', expression: '* * * * *', tz: 'UTC' }] },
      ['triggers', 0, 'tz'],
    ],
    [
      'a once trigger',
      { ...minimal, triggers: [{ type: 'once', at: '2026-01-01T00:00:00Z', repeat: true }] },
      ['triggers', 0, 'repeat'],
    ],
    [
      'an event trigger',
      { ...minimal, triggers: [interval, { type: 'event', event: 'manual', delayMs: 5 }] },
      ['triggers', 1, 'delayMs'],
    ],
  ])('in %s', (_level, doc, path) => {
    expect(issuePathsOf(taskDocumentSchema, doc)).toEqual([path]);
  });

  it('reports one issue per unknown key', () => {
    expect(issuePathsOf(taskDocumentSchema, { ...minimal, a: 1, b: 2 })).toEqual([['a'], ['b']]);
  });
});

describe('task document: name', () => {
  it('is trimmed', () => {
    expect(parse({ ...minimal, name: '  Back up notes \n' }).name).toBe('Back up notes');
  });

  it('counts its length after trimming: 200 characters inside spaces are fine', () => {
    expect(parse({ ...minimal, name: ` ${'x'.repeat(200)} ` }).name).toHaveLength(200);
  });

  it('rejects 201 characters with a message that says the limit', () => {
    const error = rejectionOf(taskDocumentSchema, { ...minimal, name: 'x'.repeat(201) });
    expect(error.issues).toEqual([{ path: ['name'], message: 'Name is at most 200 characters' }]);
  });

  it('rejects whitespace only as empty', () => {
    const error = rejectionOf(taskDocumentSchema, { ...minimal, name: '   ' });
    expect(error.issues).toEqual([{ path: ['name'], message: 'Name must not be empty' }]);
  });
});

describe('task document: whole documents', () => {
  /** The example of DESIGN.md "The API", as a person writes it. */
  const designExample = {
    name: 'Back up notes',
    priority: 0,
    triggers: [
      { type: 'cron', expression: '0 9 * * 1-5', timezone: 'Europe/Berlin' },
      { type: 'event', event: 'system.resume' },
    ],
    action: { type: 'command', command: 'rsync -a ~/notes /backup' },
    retry: { maxRetries: 3, delayMs: 10000, backoff: 'exponential' },
    timeoutMs: 3600000,
    overlap: 'skip',
    missedRuns: 'runOnce',
    conditions: { acPower: true },
    notify: 'failure',
    tags: ['backup'],
  };

  it('accepts the example of DESIGN.md', () => {
    const doc = parse(designExample);
    expect(doc.triggers).toEqual(designExample.triggers);
    expect(doc.retry.backoff).toBe('exponential');
    expect(doc.conditions.acPower).toBe(true);
  });

  it('parses its own output to the same document, as the task store does on load', () => {
    const full = parse({
      ...designExample,
      name: '  spaced  ',
      triggers: [
        { type: 'interval', everyMs: 5_000, startAt: '2026-03-01T10:00:00+02:00', jitterMs: 10 },
        { type: 'once', at: '2026-06-01T12:00:00-04:00' },
      ],
      dst: { gap: 'skip' },
      tags: [' padded '],
    });
    expect(parse(full)).toEqual(full);
  });

  it('rejects a non-object with an issue at the root', () => {
    expect(issuePathsOf(taskDocumentSchema, 'Back up notes')).toEqual([[]]);
  });
});
