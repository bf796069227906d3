import cronstrue from 'cronstrue';
import { EVENT_LABELS } from '../../../shared/event-labels.js';
import type { Trigger } from '../../../shared/schemas/trigger.js';
import { formatDuration } from '../format-duration.js';

/** A trigger in plain words for people (cron via cronstrue, in 24-hour time). */
export function describeTriggerInWords(
  trigger: Trigger,
  taskName?: (id: string) => string | undefined,
): string {
  switch (trigger.type) {
    case 'interval':
      return `Every ${formatDuration(trigger.everyMs)}${trigger.jitterMs ? `, up to ${formatDuration(trigger.jitterMs)} later at random` : ''}`;
    case 'cron': {
      const words = cronstrue.toString(trigger.expression, {
        use24HourTimeFormat: true,
        verbose: false,
      });
      return trigger.timezone === undefined ? words : `${words} (${trigger.timezone})`;
    }
    case 'once':
      return `Once, at ${trigger.at}`;
    case 'event': {
      if (trigger.event === 'system.idle')
        return `When the computer has been idle for ${formatDuration(trigger.idleForMs ?? 0)}`;
      if (trigger.event === 'file.changed') return `When ${trigger.path ?? 'a file'} changes`;
      if (trigger.taskId !== undefined) {
        const name = taskName?.(trigger.taskId) ?? 'another task';
        const how =
          { 'task.succeeded': 'succeeds', 'task.failed': 'fails', 'task.finished': 'finishes' }[
            trigger.event as string
          ] ?? 'ends';
        return `After "${name}" ${how}`;
      }
      return EVENT_LABELS[trigger.event];
    }
  }
}
