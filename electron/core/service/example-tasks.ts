import type { StoredTask } from '../../../shared/schemas/task.js';
import { taskDocumentSchema } from '../../../shared/schemas/task.js';

/**
 * The paused examples a first start shows, one per trigger type, so an empty window teaches
 * by example. They are harmless (they only read) and paused until the person enables one.
 */
export function exampleTasks(now: number): StoredTask[] {
  const stamp = new Date(now).toISOString();
  const tomorrowNine = new Date(now + 86_400_000);
  tomorrowNine.setUTCHours(9, 0, 0, 0);
  const documents = [
    {
      name: 'Example: report disk usage every hour',
      description: 'Prints how full your disks are. Enable it to try an interval trigger.',
      triggers: [{ type: 'interval', everyMs: 3_600_000, startAt: stamp }],
      action: { type: 'command', command: 'df -h' },
      tags: ['example'],
    },
    {
      name: 'Example: list large downloads on weekday mornings',
      description:
        'Lists the ten largest files in ~/Downloads at 09:00 on weekdays (a cron trigger).',
      triggers: [{ type: 'cron', expression: '0 9 * * 1-5' }],
      action: { type: 'command', command: 'ls -lS ~/Downloads | head -n 11' },
      tags: ['example'],
    },
    {
      name: 'Example: a one-time reminder',
      description: 'Runs once, tomorrow at 09:00 UTC, then shows as completed.',
      triggers: [{ type: 'once', at: tomorrowNine.toISOString() }],
      action: { type: 'command', command: 'echo "Time to stretch"' },
      tags: ['example'],
    },
    {
      name: 'Example: note when the computer wakes up',
      description: 'Runs after the computer wakes from sleep (an event trigger).',
      triggers: [{ type: 'event', event: 'system.resume' }],
      action: { type: 'command', command: 'uptime' },
      tags: ['example'],
    },
  ];
  return documents.map((document) => ({
    ...taskDocumentSchema.parse({ ...document, enabled: false }),
    id: crypto.randomUUID(),
    createdAt: stamp,
    updatedAt: stamp,
    completedAt: null,
  }));
}
