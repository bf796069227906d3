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
  } catch {
    // cronstrue cannot phrase every expression cron-parser accepts (it throws a string); the
    // expression itself is still valid and still fires, so say it as written.
    description = trigger.type === 'cron' ? `Cron "${trigger.expression}"` : trigger.type;
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
