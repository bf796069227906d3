import type { EventName } from './schemas/trigger.js';

/** Each event in words: how the editor lists them and how a task's trigger reads. */
export const EVENT_LABELS: Record<EventName, string> = {
  manual: 'Only when run by hand',
  'app.start': 'When Taskdeck starts',
  'system.resume': 'When the computer wakes from sleep',
  'system.suspend': 'When the computer goes to sleep',
  'system.lock': 'When the screen locks',
  'system.unlock': 'When the screen unlocks',
  'system.idle': 'When the computer has been idle for a while',
  'power.ac': 'When the computer is plugged in',
  'power.battery': 'When the computer switches to battery',
  'file.changed': 'When a file or folder changes',
  'task.succeeded': 'After another task succeeds',
  'task.failed': 'After another task fails',
  'task.finished': 'After another task finishes',
};
