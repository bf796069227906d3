import type { ParamIssue } from '../../shared/errors.js';
import { SETTING_SPECS } from '../settings/setting-specs.js';

/** Field names of the task document and its parts, as a person reads them. */
const FIELD_WORDS: Record<string, string> = {
  name: 'name',
  description: 'description',
  enabled: 'enabled',
  priority: 'priority',
  action: 'action',
  command: 'command',
  argv: 'program and arguments',
  cwd: 'working folder',
  env: 'environment',
  retry: 'retries',
  maxRetries: 'number of retries',
  delayMs: 'retry delay',
  backoff: 'backoff',
  maxDelayMs: 'longest retry delay',
  jitter: 'jitter',
  timeoutMs: 'time limit',
  overlap: 'overlap policy',
  maxParallel: 'parallel runs',
  missedRuns: 'missed runs',
  dst: 'daylight saving',
  gap: 'spring-forward gap',
  conditions: 'conditions',
  acPower: 'on AC power',
  idleForMs: 'idle for',
  maxSystemCpuPercent: 'system CPU limit',
  deadlineMs: 'deadline',
  limits: 'limits',
  maxMemoryMb: 'memory limit',
  notify: 'notifications',
  keepHistory: 'runs kept',
  tags: 'tags',
  type: 'type',
  expression: 'cron expression',
  timezone: 'time zone',
  everyMs: 'interval',
  startAt: 'start',
  jitterMs: 'jitter',
  at: 'date and time',
  event: 'event',
  taskId: 'task it follows',
  path: 'path',
  id: 'id',
  createdAt: 'created',
  updatedAt: 'updated',
  format: 'file format',
  version: 'format version',
  exportedAt: 'export date',
  settings: 'settings',
};

const SETTING_WORDS = new Map<string, string>(
  SETTING_SPECS.map((spec) => [spec.key, spec.label.toLowerCase()]),
);

/** Names of the tasks in the file, to say "task 3 (“Back up”)" rather than "tasks.2". */
export type TaskNameAt = (index: number) => string | undefined;

/**
 * A field path from the service (`document.tasks.2.triggers.0.expression`) in words: "Task 3
 * “Back up notes” › trigger 1 › cron expression". Unknown keys are kept as they are.
 */
export function describeIssuePath(
  path: readonly (string | number)[],
  taskName: TaskNameAt = () => undefined,
): string {
  const parts = path[0] === 'document' ? path.slice(1) : path.slice();
  const words: string[] = [];
  let inSettings = false;
  for (let at = 0; at < parts.length; at++) {
    const part = parts[at];
    const next = parts[at + 1];
    if (part === 'tasks' && typeof next === 'number') {
      const name = taskName(next);
      words.push(`Task ${next + 1}${name === undefined ? '' : ` “${name}”`}`);
      at++;
    } else if (part === 'triggers' && typeof next === 'number') {
      words.push(`trigger ${next + 1}`);
      at++;
    } else if ((part === 'tags' || part === 'argv') && typeof next === 'number') {
      words.push(`${part === 'tags' ? 'tag' : 'argument'} ${next + 1}`);
      at++;
    } else if (part === 'settings') {
      inSettings = true;
      words.push('Settings');
    } else if (typeof part === 'number') {
      words.push(`item ${part + 1}`);
    } else if (part !== undefined) {
      words.push((inSettings ? SETTING_WORDS.get(part) : undefined) ?? FIELD_WORDS[part] ?? part);
    }
  }
  const text = words.join(' › ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Issues as lines a person can act on: where, then what is wrong. */
export function describeIssues(
  issues: readonly ParamIssue[],
  taskName?: TaskNameAt,
): { where: string; message: string }[] {
  return issues.map((issue) => ({
    where: describeIssuePath(issue.path, taskName),
    message: issue.message,
  }));
}
