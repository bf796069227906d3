import cronstrue from 'cronstrue';
import type { FireSource } from '../../shared/schemas/execution.js';
import { EVENT_LABELS } from '../../shared/event-labels.js';
import type { TriggerInput } from '../../shared/schemas/trigger.js';
import { formatDuration } from './duration.js';
import { formatDateTime } from './time.js';

/**
 * A cron expression in plain words (24-hour time), or null when cronstrue cannot phrase it;
 * cronstrue throws strings, not Errors.
 */
export function describeCron(expression: string): string | null {
  try {
    return cronstrue.toString(expression, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return null;
  }
}

/** A trigger in a few words for lists and headers. */
export function describeTrigger(
  trigger: TriggerInput,
  taskName: (id: string) => string | undefined = () => undefined,
): string {
  switch (trigger.type) {
    case 'interval':
      return `Every ${formatDuration(trigger.everyMs)}`;
    case 'cron': {
      const words = describeCron(trigger.expression) ?? trigger.expression;
      return trigger.timezone === undefined ? words : `${words} (${trigger.timezone})`;
    }
    case 'once':
      return `Once, ${formatDateTime(Date.parse(trigger.at))}`;
    case 'event':
      if (trigger.event === 'system.idle')
        return `When idle for ${formatDuration(trigger.idleForMs ?? 0)}`;
      if (trigger.event === 'file.changed') return `When ${trigger.path ?? 'a file'} changes`;
      if (trigger.taskId !== undefined) {
        const verb = { 'task.succeeded': 'succeeds', 'task.failed': 'fails' }[
          trigger.event as string
        ];
        return `After “${taskName(trigger.taskId) ?? 'another task'}” ${verb ?? 'finishes'}`;
      }
      return EVENT_LABELS[trigger.event];
  }
}

/** What started a run, in a word or two. */
export const FIRE_SOURCE_LABELS: Record<FireSource, string> = {
  interval: 'Interval',
  cron: 'Schedule',
  once: 'One-time',
  event: 'Event',
  manual: 'By hand',
  retry: 'Retry',
  catchUp: 'Catch-up',
};
