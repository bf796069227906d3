import { TaskdeckError } from '../../../shared/errors.js';
import type { DstPolicy } from '../../../shared/schemas/task.js';
import type { Trigger } from '../../../shared/schemas/trigger.js';
import { nextFire, type TimeTrigger } from '../next-fire.js';
import { describeTriggerInWords } from './describe-trigger.js';

/**
 * `triggers.preview`: the trigger in words and its next `count` fires strictly after `from`,
 * computed by the engine's own next-fire code. An interval without a start counts from `from`
 * (as if saved now); event triggers have no times.
 */
export function previewTrigger(
  trigger: Trigger,
  from: number,
  count: number,
  systemZone: string,
  dst: DstPolicy | undefined,
  taskName: (id: string) => string | undefined,
): { description: string; next: string[] } {
  let description: string;
  try {
    description = describeTriggerInWords(trigger, taskName);
  } catch (error) {
    // cronstrue throws strings for expressions cron-parser accepts but it cannot phrase.
    const message =
      typeof error === 'string'
        ? error
        : error instanceof Error
          ? error.message
          : 'cannot describe';
    throw new TaskdeckError('invalid_params', `trigger.expression: ${message}`, [
      { path: ['trigger', 'expression'], message },
    ]);
  }
  let timed: TimeTrigger | null;
  switch (trigger.type) {
    case 'interval':
      timed = {
        type: 'interval',
        everyMs: trigger.everyMs,
        startMs: trigger.startAt === undefined ? from : Date.parse(trigger.startAt),
        jitterMs: trigger.jitterMs ?? 0,
      };
      break;
    case 'cron':
      timed = trigger;
      break;
    case 'once':
      timed = { ...trigger, atMs: Date.parse(trigger.at) };
      break;
    case 'event':
      timed = null;
      break;
  }
  const next: string[] = [];
  let after = from;
  while (timed !== null && next.length < count) {
    const fire = nextFire(timed, after, systemZone, dst);
    if (fire === null) break;
    next.push(new Date(fire).toISOString());
    after = fire;
  }
  return { description, next };
}
