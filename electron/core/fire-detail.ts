import type { Trigger } from '../../shared/schemas/trigger.js';
import { formatDuration } from './format-duration.js';

/** A trigger in a few words, for trace entries and execution details. */
export function describeTrigger(trigger: Trigger): string {
  switch (trigger.type) {
    case 'interval':
      return `every ${formatDuration(trigger.everyMs)}`;
    case 'cron':
      return `cron "${trigger.expression}"${trigger.timezone === undefined ? '' : ` (${trigger.timezone})`}`;
    case 'once':
      return `once at ${trigger.at}`;
    case 'event':
      return trigger.event === 'manual' ? 'run by hand' : `on ${trigger.event}`;
  }
}
