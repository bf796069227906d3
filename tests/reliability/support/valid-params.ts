import fc from 'fast-check';
import type { z } from 'zod';
import type { MethodName } from '../../../shared/api.js';
import { EXECUTION_STATUSES } from '../../../shared/schemas/execution.js';
import { settingsShape } from '../../../shared/schemas/settings.js';
import {
  CHAIN_EVENTS,
  EVENT_NAMES,
  MAX_INTERVAL_MS,
  type TriggerInput,
} from '../../../shared/schemas/trigger.js';

/** The ids valid params may name: tasks and an execution that exist, and one that does not. */
export interface KnownIds {
  task: string;
  other: string;
  execution: string;
  missing: string;
}

const HOUR_MS = 3_600_000;
/** Offsets an ISO date-time may carry; the service stores each as UTC. */
const OFFSETS = [
  ['Z', 0],
  ['+02:00', 2 * HOUR_MS],
  ['-05:30', -5.5 * HOUR_MS],
  ['+14:00', 14 * HOUR_MS],
] as const;

/** An ISO 8601 date-time between 1970 and 2200, with `Z` or an offset. */
const isoDateTime = fc
  .tuple(
    fc.date({ min: new Date(0), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }),
    fc.constantFrom(...OFFSETS),
  )
  .map(([date, [suffix, shift]]) =>
    suffix === 'Z'
      ? date.toISOString()
      : `${new Date(date.getTime() + shift).toISOString().slice(0, -1)}${suffix}`,
  );

/** A UTC time as the service writes one (export files carry these). */
const utcTime = fc
  .date({ min: new Date(0), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

/** Text of any script, without NUL (which commands, paths and variables refuse). */
const text = (minLength: number, maxLength: number) =>
  fc.string({ unit: 'grapheme', minLength, maxLength }).filter((s) => !s.includes('\0'));

/** Text that is not blank once trimmed, at most `max` UTF-16 units after trimming. */
const nonBlank = (max: number) =>
  text(1, 40).filter((s) => s.trim().length > 0 && s.trim().length <= max);

const CRON_EXPRESSIONS = [
  '0 9 * * 1-5',
  '*/5 * * * *',
  '30 2 * * *',
  '0 0 29 2 *',
  '5 4 * * sun',
  '0 12 * JAN,JUL MON',
  '*/10 * * * * *',
  ' 15 14 1 * * ',
  '@daily',
  '@hourly',
];
/** `utc` is canonicalised to `UTC`. */
const TIME_ZONES = ['UTC', 'utc', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu'];

/** A valid trigger of every type; chained events follow `chainTo` (none when null). */
function trigger(chainTo: string | null) {
  const interval = fc
    .record(
      {
        everyMs: fc.integer({ min: 1_000, max: MAX_INTERVAL_MS }),
        startAt: isoDateTime,
        jitterMs: fc.integer({ min: 0, max: MAX_INTERVAL_MS }),
      },
      { requiredKeys: ['everyMs'] },
    )
    .map(({ jitterMs, ...rest }) => ({
      type: 'interval' as const,
      ...rest,
      ...(jitterMs === undefined ? {} : { jitterMs: Math.min(jitterMs, rest.everyMs) }),
    }));
  const cron = fc.record(
    {
      type: fc.constant('cron' as const),
      expression: fc.constantFrom(...CRON_EXPRESSIONS),
      timezone: fc.constantFrom(...TIME_ZONES),
    },
    { requiredKeys: ['type', 'expression'] },
  );
  const once = fc.record({ type: fc.constant('once' as const), at: isoDateTime });
  // Events that need nothing but their name; the others take a field each, below.
  const plainEvents = EVENT_NAMES.filter(
    (event) => event !== 'system.idle' && event !== 'file.changed' && !CHAIN_EVENTS.includes(event),
  );
  const events: fc.Arbitrary<TriggerInput>[] = [
    fc.constantFrom(...plainEvents).map((event) => ({ type: 'event' as const, event })),
    fc.integer({ min: 1_000, max: 86_400_000 }).map((idleForMs) => ({
      type: 'event' as const,
      event: 'system.idle' as const,
      idleForMs,
    })),
    text(1, 60).map((path) => ({ type: 'event' as const, event: 'file.changed' as const, path })),
  ];
  if (chainTo !== null) {
    events.push(
      fc.constantFrom(...CHAIN_EVENTS).map((event) => ({
        type: 'event' as const,
        event,
        taskId: chainTo,
      })),
    );
  }
  return fc.oneof(interval, cron, once, ...events);
}

const envName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/).filter((n) => n !== '__proto__');

/** A command for the shell, or argv for no shell, with a folder and variables or not. */
const action = fc
  .record(
    {
      run: fc.oneof(
        nonBlank(200).map((command) => ({ command })),
        fc
          .tuple(text(1, 20), fc.array(text(0, 20), { maxLength: 4 }))
          .map(([program, args]) => ({ argv: [program, ...args] })),
      ),
      cwd: text(1, 60),
      env: fc.dictionary(envName, text(0, 40), { maxKeys: 4 }),
    },
    { requiredKeys: ['run'] },
  )
  .map(({ run, ...rest }) => ({ type: 'command' as const, ...run, ...rest }));

const retry = fc.record(
  {
    maxRetries: fc.integer({ min: 0, max: 100 }),
    delayMs: fc.integer({ min: 0, max: 86_400_000 }),
    backoff: fc.constantFrom('fixed', 'exponential'),
    maxDelayMs: fc.integer({ min: 0, max: 86_400_000 }),
    jitter: fc.boolean(),
  },
  { requiredKeys: [] },
);
const dst = fc.record(
  { gap: fc.constantFrom('shift', 'skip'), overlap: fc.constantFrom('first', 'both') },
  { requiredKeys: [] },
);
const conditions = fc.record(
  {
    acPower: fc.boolean(),
    idleForMs: fc.integer({ min: 0, max: 86_400_000 }),
    maxSystemCpuPercent: fc.option(fc.double({ min: 1, max: 100, noNaN: true }), { nil: null }),
    deadlineMs: fc.option(fc.integer({ min: 0, max: 604_800_000 }), { nil: null }),
  },
  { requiredKeys: [] },
);
const limits = fc.record(
  { maxMemoryMb: fc.option(fc.integer({ min: 1, max: 1_048_576 }), { nil: null }) },
  { requiredKeys: [] },
);
/** Up to 20 tags, unique once trimmed (as the schema compares them). */
const tags = fc.uniqueArray(nonBlank(40), { maxLength: 20, selector: (tag) => tag.trim() });

/** Every optional member of the task document, with a valid value. */
const optionalMembers = {
  description: text(0, 200),
  enabled: fc.boolean(),
  priority: fc.integer({ min: -100, max: 100 }),
  retry,
  timeoutMs: fc.option(fc.integer({ min: 1_000, max: 604_800_000 }), { nil: null }),
  overlap: fc.constantFrom('skip', 'queue', 'parallel', 'replace'),
  maxParallel: fc.integer({ min: 2, max: 64 }),
  missedRuns: fc.constantFrom('skip', 'runOnce'),
  dst,
  conditions,
  limits,
  notify: fc.constantFrom('never', 'failure', 'always'),
  keepHistory: fc.integer({ min: 1, max: 100_000 }),
  tags,
};

/** A task document as API.md allows it, optional members present or not. */
function taskDocument(chainTo: string | null) {
  return fc.record(
    {
      // Spaces around the name are trimmed away.
      name: fc
        .tuple(fc.constantFrom('', ' ', '\t '), nonBlank(200), fc.constantFrom('', ' '))
        .map((parts) => parts.join('')),
      triggers: fc.array(trigger(chainTo), { minLength: 1, maxLength: 20 }),
      action,
      ...optionalMembers,
    },
    { requiredKeys: ['name', 'triggers', 'action'] },
  );
}

/**
 * A merge patch that leaves the document valid: members replaced, sub-objects merged, optional
 * members deleted with null; the action switches between command and argv by deleting the other.
 */
function taskPatch(chainTo: string) {
  const nullable = (arb: fc.Arbitrary<unknown>) => fc.oneof(arb, fc.constant(null));
  const switchAction = fc.oneof(
    nonBlank(200).map((command) => ({ command, argv: null })),
    fc.array(text(1, 20), { minLength: 1, maxLength: 3 }).map((argv) => ({ argv, command: null })),
  );
  const patch: Record<string, fc.Arbitrary<unknown>> = {
    name: nonBlank(200),
    triggers: fc.array(trigger(chainTo), { minLength: 1, maxLength: 5 }),
    action: switchAction,
  };
  for (const [key, arb] of Object.entries(optionalMembers)) patch[key] = nullable(arb);
  return fc.record(patch, { requiredKeys: [] });
}

/** Any whole number a bounded setting takes, read from the contract (valid by construction). */
const withinBounds = (setting: z.ZodDefault<z.ZodNumber>) => {
  const { minValue, maxValue } = setting.unwrap();
  if (minValue === null || maxValue === null) throw new Error('a numeric setting without bounds');
  return fc.integer({ min: minValue, max: maxValue });
};

const SETTINGS = {
  maxRunningTasks: withinBounds(settingsShape.maxRunningTasks),
  sampleIntervalMs: withinBounds(settingsShape.sampleIntervalMs),
  outputTailBytes: withinBounds(settingsShape.outputTailBytes),
  killGraceMs: withinBounds(settingsShape.killGraceMs),
  historyMaxAgeDays: withinBounds(settingsShape.historyMaxAgeDays),
  closeToTray: fc.boolean(),
  launchAtLogin: fc.boolean(),
  notifications: fc.boolean(),
};

/**
 * The tasks a replacing import must carry for the suite's targets to survive it (under their
 * ids); without them every later method would only meet `not_found`.
 */
const kept = (ids: KnownIds) =>
  [ids.task, ids.other].map((id, n) => ({
    id,
    name: n === 0 ? 'target' : 'other',
    triggers: [{ type: 'event', event: 'manual' }],
    action: { type: 'command', command: 'echo ok' },
  }));

/**
 * Params every member of which is valid per API.md, for `method`: what a careful client sends.
 * The service must accept each, or refuse it only for the state it finds (not_found, conflict).
 */
export function validParams(method: MethodName, ids: KnownIds): fc.Arbitrary<unknown> {
  const anyTask = fc.constantFrom(ids.task, ids.other, ids.missing);
  const empty = fc.constantFrom({}, undefined);
  switch (method) {
    case 'tasks.list':
      return fc.record(
        {
          tag: fc.oneof(fc.constantFrom('a', 'b', 'example'), nonBlank(40)),
          state: fc.constantFrom('idle', 'queued', 'running', 'paused', 'completed'),
        },
        { requiredKeys: [] },
      );
    case 'tasks.create':
      return taskDocument(ids.task);
    case 'tasks.update':
      // The other task is the chain target: a task cannot follow itself.
      return taskPatch(ids.other).map((patch) => ({ id: ids.task, patch }));
    case 'tasks.trace':
      return fc.record(
        { id: anyTask, limit: fc.integer({ min: 1, max: 1_000 }) },
        { requiredKeys: ['id'] },
      );
    case 'executions.list':
      return fc.record(
        {
          taskId: anyTask,
          status: fc.oneof(
            fc.constantFrom(...EXECUTION_STATUSES),
            fc.array(fc.constantFrom(...EXECUTION_STATUSES), {
              minLength: 1,
              maxLength: EXECUTION_STATUSES.length,
            }),
          ),
          limit: fc.integer({ min: 1, max: 500 }),
        },
        { requiredKeys: [] },
      );
    case 'executions.get':
    case 'executions.cancel':
      return fc.record({ id: fc.constantFrom(ids.execution, ids.missing) });
    case 'settings.update':
      return fc.record(SETTINGS, { requiredKeys: [] });
    case 'triggers.preview':
      return fc.record(
        {
          trigger: trigger(ids.task),
          from: isoDateTime,
          count: fc.integer({ min: 1, max: 100 }),
          dst,
        },
        { requiredKeys: ['trigger'] },
      );
    case 'tasks.import':
      return fc
        .record({
          tasks: fc.array(
            fc.tuple(
              taskDocument(null),
              fc.record(
                {
                  id: fc.oneof(fc.uuid({ version: 4 }), fc.constant(ids.task)),
                  createdAt: utcTime,
                },
                { requiredKeys: [] },
              ),
            ),
            { minLength: 1, maxLength: 4 },
          ),
          exportedAt: utcTime,
          settings: fc.option(fc.record(SETTINGS), { nil: undefined }),
          mode: fc.constantFrom('merge', 'replace'),
        })
        .map(({ tasks, exportedAt, settings, mode }) => ({
          document: {
            format: 'taskdeck',
            version: 1,
            exportedAt,
            tasks: [
              ...tasks.map(([document, identity]) => ({ ...document, ...identity })),
              ...(mode === 'replace' ? kept(ids) : []),
            ],
            ...(settings === undefined ? {} : { settings }),
          },
          mode,
        }));
    case 'stats.summary':
      return fc.record({ taskId: anyTask, since: isoDateTime }, { requiredKeys: [] });
    case 'tasks.get':
    case 'tasks.remove':
    case 'tasks.duplicate':
    case 'tasks.pause':
    case 'tasks.resume':
    case 'tasks.runNow':
      return fc.record({ id: anyTask });
    case 'scheduler.status':
    case 'scheduler.pauseAll':
    case 'scheduler.resumeAll':
    case 'settings.get':
    case 'tasks.export':
    case 'system.problems':
      return empty;
  }
}
