import type { Conditions, RetryPolicy } from '../../shared/schemas/task.js';
import type { EngineTask } from './task-definition.js';

const NO_RETRY: RetryPolicy = Object.freeze({
  maxRetries: 0,
  delayMs: 10_000,
  backoff: 'fixed',
  maxDelayMs: 3_600_000,
  jitter: false,
});
const NO_CONDITIONS: Conditions = Object.freeze({
  acPower: false,
  idleForMs: 0,
  maxSystemCpuPercent: null,
  deadlineMs: null,
});
const NO_LIMITS: EngineTask['limits'] = Object.freeze({ maxMemoryMb: null });
const NO_TAGS: string[] = Object.freeze([]) as unknown as string[];

function sameRetry(a: RetryPolicy): boolean {
  return (
    a.maxRetries === 0 &&
    a.delayMs === NO_RETRY.delayMs &&
    a.backoff === 'fixed' &&
    a.maxDelayMs === NO_RETRY.maxDelayMs &&
    !a.jitter
  );
}

/**
 * Points a task's default sub-objects (no retry, no conditions, no limits, no tags) at one shared,
 * frozen copy. Ten thousand tasks with defaults then hold one of each instead of ten thousand;
 * the engine never mutates a definition, it replaces it.
 */
export function shareDefaults<T extends EngineTask>(task: T): T {
  if (sameRetry(task.retry)) task.retry = NO_RETRY;
  const c = task.conditions;
  if (!c.acPower && c.idleForMs === 0 && c.maxSystemCpuPercent === null && c.deadlineMs === null) {
    task.conditions = NO_CONDITIONS;
  }
  if (task.limits.maxMemoryMb === null) task.limits = NO_LIMITS;
  if (task.tags.length === 0) task.tags = NO_TAGS;
  return task;
}
