import type { ParamIssue } from '../../shared/errors.js';
import {
  taskDocumentSchema,
  type TaskDocument,
  type TaskDocumentInput,
  type TaskView,
} from '../../shared/schemas/task.js';
import {
  CHAIN_EVENTS,
  triggerSchema,
  type EventName,
  type Trigger,
  type TriggerInput,
} from '../../shared/schemas/trigger.js';
import { toParamIssues } from '../../shared/validation.js';

/** The units an interval is given in. */
export type IntervalUnit = 's' | 'min' | 'h' | 'd';
/** The units a time limit is given in. */
export type TimeoutUnit = 's' | 'min' | 'h';

/** Milliseconds in each unit the editor offers. */
export const UNIT_MS: Record<IntervalUnit, number> = {
  s: 1_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * A saved time and how the form shows it: the form's seconds-precision local value stands for
 * the exact saved time until the person changes it.
 */
export interface SavedTime {
  local: string;
  iso: string;
}

/**
 * One trigger as the form holds it: text as typed, with the fields of every type kept, so
 * switching the type back and forth loses nothing.
 */
export interface TriggerDraft {
  /** Stable identity for React lists; never sent. */
  key: number;
  type: Trigger['type'];
  every: string;
  unit: IntervalUnit;
  jitterSeconds: string;
  /** The interval's first fire as a `datetime-local` value; '' counts from the moment of saving. */
  startAt: string;
  /** The saved start `startAt` came from, reused while it is untouched (keeps the grid exact). */
  startAtSource: SavedTime | null;
  expression: string;
  timezone: string;
  onceMode: 'at' | 'in';
  /** A `datetime-local` value (local time, seconds precision). */
  at: string;
  /** The saved time `at` came from, reused while `at` is untouched (no drift in edits). */
  atSource: SavedTime | null;
  inMinutes: string;
  event: EventName;
  taskId: string;
  path: string;
  idleMinutes: string;
}

/** The whole task form; every field maps to one field of the task document. */
export interface TaskDraft {
  name: string;
  description: string;
  enabled: boolean;
  priority: string;
  triggers: TriggerDraft[];
  actionMode: 'command' | 'argv';
  command: string;
  /** One argument per line. */
  argv: string;
  cwd: string;
  /** One NAME=value per line. */
  env: string;
  maxRetries: string;
  retryDelaySeconds: string;
  backoff: 'fixed' | 'exponential';
  maxRetryDelaySeconds: string;
  retryJitter: boolean;
  timeout: string;
  timeoutUnit: TimeoutUnit;
  overlap: TaskDocument['overlap'];
  maxParallel: string;
  missedRuns: TaskDocument['missedRuns'];
  dstCustom: boolean;
  dstGap: 'shift' | 'skip';
  dstOverlap: 'first' | 'both';
  acPower: boolean;
  idleMinutes: string;
  maxSystemCpuPercent: string;
  deadlineMinutes: string;
  maxMemoryMb: string;
  notify: TaskDocument['notify'];
  keepHistory: string;
  /** Comma-separated. */
  tags: string;
}

/** Problems by field: the document path joined with dots (`triggers.0.expression`). */
export type FieldIssues = Map<string, string>;

let nextKey = 1;

/** A fresh trigger draft of `type`, with the editor's suggested values. */
export function newTriggerDraft(type: Trigger['type'] = 'cron'): TriggerDraft {
  return {
    key: nextKey++,
    type,
    every: '15',
    unit: 'min',
    jitterSeconds: '',
    startAt: '',
    startAtSource: null,
    expression: '0 9 * * 1-5',
    timezone: '',
    onceMode: 'in',
    at: '',
    atSource: null,
    inMinutes: '30',
    event: 'manual',
    taskId: '',
    path: '',
    idleMinutes: '10',
  };
}

/** The form for a new task: the document's defaults, one weekday-morning cron trigger. */
export function emptyDraft(): TaskDraft {
  return {
    name: '',
    description: '',
    enabled: true,
    priority: '0',
    triggers: [newTriggerDraft('cron')],
    actionMode: 'command',
    command: '',
    argv: '',
    cwd: '',
    env: '',
    maxRetries: '0',
    retryDelaySeconds: '10',
    backoff: 'fixed',
    maxRetryDelaySeconds: '3600',
    retryJitter: false,
    timeout: '',
    timeoutUnit: 'min',
    overlap: 'skip',
    maxParallel: '2',
    missedRuns: 'runOnce',
    dstCustom: false,
    dstGap: 'shift',
    dstOverlap: 'first',
    acPower: false,
    idleMinutes: '',
    maxSystemCpuPercent: '',
    deadlineMinutes: '',
    maxMemoryMb: '',
    notify: 'failure',
    keepHistory: '500',
    tags: '',
  };
}

const pad = (value: number) => String(value).padStart(2, '0');

/** A time as a `datetime-local` value in the local zone, e.g. `2026-03-01T09:00:00`. */
function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A saved time as the form holds it: its local value, and the time itself. */
function savedTime(iso: string): SavedTime {
  return { local: toLocalInput(Date.parse(iso)), iso };
}

/** Whole numbers as text without trailing zeros ("1.5", "90"). */
const text = (value: number) => String(Number(value.toFixed(3)));

/** The largest unit that expresses `ms` exactly (seconds otherwise). */
export function splitInterval(ms: number): { every: string; unit: IntervalUnit } {
  for (const unit of ['d', 'h', 'min'] as const) {
    if (ms % UNIT_MS[unit] === 0) return { every: String(ms / UNIT_MS[unit]), unit };
  }
  return { every: text(ms / 1_000), unit: 's' };
}

function splitTimeout(ms: number): { timeout: string; timeoutUnit: TimeoutUnit } {
  for (const unit of ['h', 'min'] as const) {
    if (ms % UNIT_MS[unit] === 0) return { timeout: String(ms / UNIT_MS[unit]), timeoutUnit: unit };
  }
  return { timeout: text(ms / 1_000), timeoutUnit: 's' };
}

/** The task document inside a task view (identity, timestamps and live state removed). */
export function documentOfView(view: TaskView): TaskDocument {
  const {
    id: _id,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    completedAt: _completedAt,
    state: _state,
    queuePosition: _queuePosition,
    heldBy: _heldBy,
    nextRunAt: _nextRunAt,
    lastExecution: _lastExecution,
    stats: _stats,
    ...document
  } = view;
  return document;
}

function triggerDraftOf(trigger: Trigger): TriggerDraft {
  const draft = newTriggerDraft(trigger.type);
  switch (trigger.type) {
    case 'interval': {
      const start = trigger.startAt === undefined ? null : savedTime(trigger.startAt);
      return {
        ...draft,
        ...splitInterval(trigger.everyMs),
        jitterSeconds: trigger.jitterMs === undefined ? '' : text(trigger.jitterMs / 1_000),
        startAt: start?.local ?? '',
        startAtSource: start,
      };
    }
    case 'cron':
      return { ...draft, expression: trigger.expression, timezone: trigger.timezone ?? '' };
    case 'once': {
      const at = savedTime(trigger.at);
      return { ...draft, onceMode: 'at', at: at.local, atSource: at };
    }
    case 'event':
      return {
        ...draft,
        event: trigger.event,
        taskId: trigger.taskId ?? '',
        path: trigger.path ?? '',
        idleMinutes:
          trigger.idleForMs === undefined ? draft.idleMinutes : text(trigger.idleForMs / 60_000),
      };
  }
}

const orEmpty = (value: number | null, scale = 1) => (value === null ? '' : text(value / scale));

/** The form filled in from an existing task. */
export function draftFromTask(view: TaskView): TaskDraft {
  const doc = documentOfView(view);
  return {
    name: doc.name,
    description: doc.description,
    enabled: doc.enabled,
    priority: String(doc.priority),
    triggers: doc.triggers.map(triggerDraftOf),
    actionMode: doc.action.argv === undefined ? 'command' : 'argv',
    command: doc.action.command ?? '',
    argv: (doc.action.argv ?? []).join('\n'),
    cwd: doc.action.cwd ?? '',
    env: Object.entries(doc.action.env ?? {})
      .map(([name, value]) => `${name}=${value}`)
      .join('\n'),
    maxRetries: String(doc.retry.maxRetries),
    retryDelaySeconds: text(doc.retry.delayMs / 1_000),
    backoff: doc.retry.backoff,
    maxRetryDelaySeconds: text(doc.retry.maxDelayMs / 1_000),
    retryJitter: doc.retry.jitter,
    ...(doc.timeoutMs === null
      ? { timeout: '', timeoutUnit: 'min' as const }
      : splitTimeout(doc.timeoutMs)),
    overlap: doc.overlap,
    maxParallel: String(doc.maxParallel),
    missedRuns: doc.missedRuns,
    dstCustom: doc.dst !== undefined,
    dstGap: doc.dst?.gap ?? 'shift',
    dstOverlap: doc.dst?.overlap ?? 'first',
    acPower: doc.conditions.acPower,
    idleMinutes: doc.conditions.idleForMs === 0 ? '' : text(doc.conditions.idleForMs / 60_000),
    maxSystemCpuPercent: orEmpty(doc.conditions.maxSystemCpuPercent),
    deadlineMinutes: orEmpty(doc.conditions.deadlineMs, 60_000),
    maxMemoryMb: orEmpty(doc.limits.maxMemoryMb),
    notify: doc.notify,
    keepHistory: String(doc.keepHistory),
    tags: doc.tags.join(', '),
  };
}

/** Builds the document the form describes, collecting what cannot even be converted. */
class Builder {
  readonly issues: FieldIssues = new Map();

  /** A number from text; '' is `empty`; anything else unreadable is an issue at `path`. */
  number(value: string, path: string, empty: number | null, scale = 1): number | null {
    const trimmed = value.trim();
    if (trimmed === '') return empty;
    const parsed = Number(trimmed);
    if (!Number.isFinite(parsed)) {
      this.issues.set(path, 'Must be a number');
      return empty;
    }
    return Math.round(parsed * scale * 1_000) / 1_000;
  }

  /**
   * A time from a `datetime-local` value (local time); the saved time it was filled from while
   * it is unchanged; '' is null; anything unreadable is an issue at `path`.
   */
  time(value: string, source: SavedTime | null, path: string): string | null {
    if (source !== null && value === source.local) return source.iso;
    if (value === '') return null;
    const ms = new Date(value).getTime();
    if (Number.isNaN(ms)) {
      this.issues.set(path, 'Pick a date and time');
      return null;
    }
    return new Date(ms).toISOString();
  }
}

function buildTrigger(draft: TriggerDraft, index: number, now: number, b: Builder): TriggerInput {
  const at = `triggers.${index}`;
  switch (draft.type) {
    case 'interval': {
      const everyMs = b.number(draft.every, `${at}.everyMs`, NaN, UNIT_MS[draft.unit]) ?? NaN;
      const jitterMs = b.number(draft.jitterSeconds, `${at}.jitterMs`, null, 1_000);
      const startAt = b.time(draft.startAt, draft.startAtSource, `${at}.startAt`);
      return {
        type: 'interval',
        everyMs,
        ...(startAt === null ? {} : { startAt }),
        ...(jitterMs === null ? {} : { jitterMs }),
      };
    }
    case 'cron':
      return {
        type: 'cron',
        expression: draft.expression,
        ...(draft.timezone.trim() === '' ? {} : { timezone: draft.timezone.trim() }),
      };
    case 'once': {
      if (draft.onceMode === 'in') {
        const minutes = b.number(draft.inMinutes, `${at}.at`, null);
        if (minutes === null || minutes <= 0) {
          b.issues.set(`${at}.at`, 'Give a number of minutes greater than 0');
          return { type: 'once', at: '' };
        }
        return {
          type: 'once',
          at: new Date(Math.ceil((now + minutes * 60_000) / 1_000) * 1_000).toISOString(),
        };
      }
      const time = b.time(draft.at, draft.atSource, `${at}.at`);
      if (time === null) b.issues.set(`${at}.at`, 'Pick a date and time');
      return { type: 'once', at: time ?? '' };
    }
    case 'event': {
      // Said in the form's words, before the schema's (which name the event's wire name).
      if (CHAIN_EVENTS.includes(draft.event) && draft.taskId === '') {
        b.issues.set(`${at}.taskId`, 'Choose the task to follow');
      }
      if (draft.event === 'file.changed' && draft.path.trim() === '') {
        b.issues.set(`${at}.path`, 'Give the file or folder to watch');
      }
      const idleForMs =
        draft.event === 'system.idle'
          ? b.number(draft.idleMinutes, `${at}.idleForMs`, NaN, 60_000)
          : null;
      return {
        type: 'event',
        event: draft.event,
        ...(CHAIN_EVENTS.includes(draft.event) && draft.taskId !== ''
          ? { taskId: draft.taskId }
          : {}),
        ...(draft.event === 'file.changed' && draft.path.trim() !== ''
          ? { path: draft.path.trim() }
          : {}),
        ...(idleForMs === null ? {} : { idleForMs }),
      };
    }
  }
}

function parseEnv(text: string, b: Builder): Record<string, string> | undefined {
  const env: Record<string, string> = {};
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const eq = line.indexOf('=');
    if (eq <= 0) {
      b.issues.set('action.env', `Line ${index + 1}: write NAME=value`);
      return;
    }
    env[line.slice(0, eq).trim()] = line.slice(eq + 1);
  });
  return Object.keys(env).length === 0 ? undefined : env;
}

/** The task document the form describes (as a person would write it), and its issues. */
export function buildDocument(
  draft: TaskDraft,
  now: number,
): { document: TaskDocumentInput; issues: FieldIssues } {
  const b = new Builder();
  const env = parseEnv(draft.env, b);
  const cwd = draft.cwd.trim();
  const action =
    draft.actionMode === 'command'
      ? { type: 'command' as const, command: draft.command }
      : {
          type: 'command' as const,
          argv: draft.argv.split('\n').filter((line) => line.trim() !== ''),
        };
  const document: TaskDocumentInput = {
    name: draft.name,
    description: draft.description,
    enabled: draft.enabled,
    priority: b.number(draft.priority, 'priority', 0) ?? 0,
    triggers: draft.triggers.map((trigger, index) => buildTrigger(trigger, index, now, b)),
    action: { ...action, ...(cwd === '' ? {} : { cwd }), ...(env === undefined ? {} : { env }) },
    retry: {
      maxRetries: b.number(draft.maxRetries, 'retry.maxRetries', 0) ?? 0,
      delayMs: b.number(draft.retryDelaySeconds, 'retry.delayMs', 10_000, 1_000) ?? 10_000,
      backoff: draft.backoff,
      maxDelayMs:
        b.number(draft.maxRetryDelaySeconds, 'retry.maxDelayMs', 3_600_000, 1_000) ?? 3_600_000,
      jitter: draft.retryJitter,
    },
    timeoutMs: b.number(draft.timeout, 'timeoutMs', null, UNIT_MS[draft.timeoutUnit]),
    overlap: draft.overlap,
    maxParallel: b.number(draft.maxParallel, 'maxParallel', 2) ?? 2,
    missedRuns: draft.missedRuns,
    ...(draft.dstCustom ? { dst: { gap: draft.dstGap, overlap: draft.dstOverlap } } : {}),
    conditions: {
      acPower: draft.acPower,
      idleForMs: b.number(draft.idleMinutes, 'conditions.idleForMs', 0, 60_000) ?? 0,
      maxSystemCpuPercent: b.number(
        draft.maxSystemCpuPercent,
        'conditions.maxSystemCpuPercent',
        null,
      ),
      deadlineMs: b.number(draft.deadlineMinutes, 'conditions.deadlineMs', null, 60_000),
    },
    limits: { maxMemoryMb: b.number(draft.maxMemoryMb, 'limits.maxMemoryMb', null) },
    notify: draft.notify,
    keepHistory: b.number(draft.keepHistory, 'keepHistory', 500) ?? 500,
    tags: draft.tags
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag.length > 0),
  };
  return { document, issues: b.issues };
}

/** Joins an issue path into the key fields use (`triggers.0.expression`). */
const issueKey = (path: readonly (string | number)[]) => path.join('.');

/** Adds issues (from zod or from the service) to `into`, the first per field winning. */
export function addIssues(into: FieldIssues, issues: readonly ParamIssue[]): FieldIssues {
  for (const issue of issues) {
    const key = issueKey(issue.path);
    if (!into.has(key)) into.set(key, issue.message);
  }
  return into;
}

/**
 * Checks the form the way the service will, with the shared schemas: what could not be read as
 * numbers, then every rule of the task document. Returns the document when it is valid.
 */
export function validateDraft(
  draft: TaskDraft,
  now: number,
): { document: TaskDocumentInput | null; issues: FieldIssues } {
  const { document, issues } = buildDocument(draft, now);
  const parsed = taskDocumentSchema.safeParse(document);
  if (!parsed.success) addIssues(issues, toParamIssues(parsed.error));
  return { document: issues.size === 0 ? document : null, issues };
}

/**
 * The first issue for a field: its own key or anything beneath it (`tags` covers `tags.2`).
 */
export function issueAt(issues: FieldIssues, key: string): string | undefined {
  const own = issues.get(key);
  if (own !== undefined) return own;
  for (const [path, message] of issues) if (path.startsWith(`${key}.`)) return message;
  return undefined;
}

/** One trigger as the service would take it, or null while it is not valid on its own. */
export function previewableTrigger(draft: TriggerDraft, now: number): Trigger | null {
  const b = new Builder();
  const trigger = buildTrigger(draft, 0, now, b);
  if (b.issues.size > 0 || trigger.type === 'event') return null;
  const parsed = triggerSchema.safeParse(trigger);
  return parsed.success ? parsed.data : null;
}
