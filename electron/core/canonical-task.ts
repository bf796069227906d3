import type { Conditions, RetryPolicy } from '../../shared/schemas/task.js';
import type { EngineTask } from './task-definition.js';

/** The default sub-documents, frozen and shared by every task that has them (see `canonicalTask`). */
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  maxRetries: 0,
  delayMs: 10_000,
  backoff: 'fixed',
  maxDelayMs: 3_600_000,
  jitter: false,
});
export const DEFAULT_CONDITIONS: Conditions = Object.freeze({
  acPower: false,
  idleForMs: 0,
  maxSystemCpuPercent: null,
  deadlineMs: null,
});
export const DEFAULT_LIMITS: EngineTask['limits'] = Object.freeze({ maxMemoryMb: null });
export const DEFAULT_TAGS: string[] = Object.freeze([]) as unknown as string[];

function sameRetry(a: RetryPolicy): boolean {
  return (
    a.maxRetries === 0 &&
    a.delayMs === DEFAULT_RETRY.delayMs &&
    a.backoff === 'fixed' &&
    a.maxDelayMs === DEFAULT_RETRY.maxDelayMs &&
    !a.jitter
  );
}

/**
 * The engine's own copy of a task definition: every field in one fixed order, in a fresh object,
 * so that all ten thousand definitions share one hidden class (fast, monomorphic field reads on
 * every fire) and hold their fields in the object itself. A parsed document grows its fields one
 * by one and, completed with `id` and `savedAt`, spills them into a separate property array.
 * Default sub-objects (no retry, no conditions, no limits, no tags) point at one shared, frozen
 * copy; the engine never mutates a definition, it replaces it.
 */
export function canonicalTask(def: EngineTask): EngineTask {
  const c = def.conditions;
  const task: EngineTask = {
    id: def.id,
    name: def.name,
    description: def.description,
    enabled: def.enabled,
    priority: def.priority,
    triggers: def.triggers,
    action: def.action,
    retry: sameRetry(def.retry) ? DEFAULT_RETRY : def.retry,
    timeoutMs: def.timeoutMs,
    overlap: def.overlap,
    maxParallel: def.maxParallel,
    missedRuns: def.missedRuns,
    conditions:
      !c.acPower && c.idleForMs === 0 && c.maxSystemCpuPercent === null && c.deadlineMs === null
        ? DEFAULT_CONDITIONS
        : c,
    limits: def.limits.maxMemoryMb === null ? DEFAULT_LIMITS : def.limits,
    notify: def.notify,
    keepHistory: def.keepHistory,
    tags: def.tags.length === 0 ? DEFAULT_TAGS : def.tags,
    savedAt: def.savedAt,
  };
  // Rare fields last, so tasks without them keep the common shape.
  if (def.dst !== undefined) task.dst = def.dst;
  if (def.hidden !== undefined) task.hidden = def.hidden;
  return task;
}
