import type { DstPolicy } from '../../shared/schemas/task.js';
import type { CronTrigger, OnceTrigger } from '../../shared/schemas/trigger.js';
import { nextCronFire } from './cron-schedule.js';

/** An interval trigger with its start resolved to ms (the moment it was saved, if not given). */
export interface ResolvedInterval {
  type: 'interval';
  everyMs: number;
  startMs: number;
  jitterMs: number;
}

/** The triggers that fire by time, as the scheduler holds them. */
export type TimeTrigger = ResolvedInterval | CronTrigger | (OnceTrigger & { atMs: number });

/**
 * The first scheduled time strictly after `after` (ms), or null when the trigger will not fire
 * again. Pure: the same inputs always give the same answer. Intervals count from their start,
 * so computing from the scheduled (not the actual) time never drifts. Cron triggers without a
 * zone use `systemZone`.
 */
export function nextFire(
  trigger: TimeTrigger,
  after: number,
  systemZone: string,
  dst?: DstPolicy,
): number | null {
  switch (trigger.type) {
    case 'interval': {
      if (after < trigger.startMs) return trigger.startMs;
      const periods = Math.floor((after - trigger.startMs) / trigger.everyMs) + 1;
      return trigger.startMs + periods * trigger.everyMs;
    }
    case 'once':
      return trigger.atMs > after ? trigger.atMs : null;
    case 'cron':
      return nextCronFire(trigger.expression, trigger.timezone ?? systemZone, after, dst);
  }
}
