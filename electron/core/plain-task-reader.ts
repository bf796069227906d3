import { cronChecker } from '../../shared/cron-expression-check.js';
import { MAX_INTERVAL_MS, TASK_LIMITS } from '../../shared/schemas/task-limits.js';
import {
  DEFAULT_CONDITIONS,
  DEFAULT_LIMITS,
  DEFAULT_RETRY,
  DEFAULT_TAGS,
} from './canonical-task.js';
import type { Trigger } from '../../shared/schemas/trigger.js';
import { canonicalTimeZone } from '../../shared/time-zone.js';
import type { LibraryTask } from './library-task.js';
import type { RunContext } from './task-definition.js';
import { parsedCron } from './cron-schedule.js';

/*
 * The library's registration fast path. zod is the task document's only definition and the only
 * source of error messages; but its first few thousand parses in a fresh process run cold, at
 * tens of microseconds each, so registering ten thousand tasks at start-up spent most of its
 * time warming up the validator. This reader accepts the common, plainly valid documents in a
 * few hundred nanoseconds and returns exactly what zod would; for anything else (an optional
 * section present, a field it does not check, any doubt at all) it returns null and zod decides.
 * A property test holds it to zod's answers.
 */

const OVERLAP = ['skip', 'queue', 'parallel', 'replace'] as const;
const MISSED_RUNS = ['skip', 'runOnce'] as const;
const NOTIFY = ['never', 'failure', 'always'] as const;
/** Fields this reader checks; a document with any other goes to zod. */
const TOP_FIELDS = new Set([
  'name',
  'description',
  'enabled',
  'priority',
  'triggers',
  'action',
  'timeoutMs',
  'overlap',
  'maxParallel',
  'missedRuns',
  'notify',
  'keepHistory',
]);

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** True when every enumerable key of `value` is in `allowed` (zod's own test for unknown keys). */
function onlyKeys(value: Plain, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

const isInt = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

function oneOf<T extends string>(value: unknown, options: readonly T[], fallback: T): T | null {
  if (value === undefined) return fallback;
  return typeof value === 'string' && (options as readonly string[]).includes(value)
    ? (value as T)
    : null;
}

function intOr(value: unknown, [min, max]: readonly [number, number], fallback: number) {
  if (value === undefined) return fallback;
  return isInt(value, min, max) ? value : null;
}

/** The contract's cron check, over the parse cron planning keeps. */
const cronExpressionProblem = cronChecker((text) => {
  parsedCron(text);
});

const INTERVAL_FIELDS = new Set(['type', 'everyMs', 'jitterMs']);
const CRON_FIELDS = new Set(['type', 'expression', 'timezone']);

function readTrigger(value: unknown): Trigger | null {
  if (!isPlain(value)) return null;
  if (value.type === 'interval') {
    if (!onlyKeys(value, INTERVAL_FIELDS) || !isInt(value.everyMs, 1_000, MAX_INTERVAL_MS))
      return null;
    if (value.jitterMs === undefined) return { type: 'interval', everyMs: value.everyMs };
    return isInt(value.jitterMs, 0, value.everyMs)
      ? { type: 'interval', everyMs: value.everyMs, jitterMs: value.jitterMs }
      : null;
  }
  if (value.type === 'cron') {
    if (!onlyKeys(value, CRON_FIELDS)) return null;
    const raw = value.expression;
    if (typeof raw !== 'string' || raw.length > 200) return null;
    const expression = raw.trim();
    if (cronExpressionProblem(expression) !== null) return null;
    if (value.timezone === undefined) return { type: 'cron', expression };
    if (typeof value.timezone !== 'string') return null;
    const timezone = canonicalTimeZone(value.timezone);
    return timezone === null ? null : { type: 'cron', expression, timezone };
  }
  return null;
}

const FUNCTION_ACTION_FIELDS = new Set(['type', 'run']);

/**
 * The parsed library task, exactly as `libraryTaskSchema` would give it, when `input` is a plain
 * document this reader can vouch for; otherwise null (parse it with zod).
 */
export function readPlainTask(input: unknown): LibraryTask | null {
  if (!isPlain(input) || !onlyKeys(input, TOP_FIELDS)) return null;
  const rawName = input.name;
  if (typeof rawName !== 'string') return null;
  const name = rawName.trim();
  if (name.length === 0 || name.length > TASK_LIMITS.nameLength) return null;
  const description = input.description ?? '';
  if (typeof description !== 'string' || description.length > TASK_LIMITS.descriptionLength)
    return null;
  const enabled = input.enabled ?? true;
  if (typeof enabled !== 'boolean') return null;

  const rawTriggers = input.triggers;
  if (
    !Array.isArray(rawTriggers) ||
    rawTriggers.length === 0 ||
    rawTriggers.length > TASK_LIMITS.triggers ||
    Object.getPrototypeOf(rawTriggers) !== Array.prototype
  )
    return null;
  // Exactly the triggers' length: pushing into an empty array reserves 17 slots per task.
  const triggers = new Array<Trigger>(rawTriggers.length);
  for (let i = 0; i < rawTriggers.length; i++) {
    if (!(i in rawTriggers)) return null;
    const trigger = readTrigger(rawTriggers[i]);
    if (trigger === null) return null;
    triggers[i] = trigger;
  }

  const action = input.action;
  if (
    !isPlain(action) ||
    action.type !== 'function' ||
    typeof action.run !== 'function' ||
    !onlyKeys(action, FUNCTION_ACTION_FIELDS)
  )
    return null;

  const priority = intOr(input.priority, TASK_LIMITS.priority, 0);
  const maxParallel = intOr(input.maxParallel, TASK_LIMITS.maxParallel, 2);
  const keepHistory = intOr(input.keepHistory, TASK_LIMITS.keepHistory, 500);
  const overlap = oneOf(input.overlap, OVERLAP, 'skip');
  const missedRuns = oneOf(input.missedRuns, MISSED_RUNS, 'runOnce');
  const notify = oneOf(input.notify, NOTIFY, 'failure');
  const timeoutMs = input.timeoutMs ?? null;
  if (
    priority === null ||
    maxParallel === null ||
    keepHistory === null ||
    overlap === null ||
    missedRuns === null ||
    notify === null ||
    (timeoutMs !== null && !isInt(timeoutMs, ...TASK_LIMITS.timeoutMs))
  )
    return null;

  return {
    name,
    description,
    enabled,
    priority,
    triggers,
    action: { type: 'function', run: action.run as (ctx: RunContext) => unknown },
    retry: DEFAULT_RETRY,
    timeoutMs,
    overlap,
    maxParallel,
    missedRuns,
    conditions: DEFAULT_CONDITIONS,
    limits: DEFAULT_LIMITS,
    notify,
    keepHistory,
    tags: DEFAULT_TAGS,
  };
}
