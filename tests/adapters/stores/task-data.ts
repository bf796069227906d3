import { randomUUID } from 'node:crypto';
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings.js';
import {
  storedTaskSchema,
  type StoredTask,
  type TaskDocumentInput,
} from '../../../shared/schemas/task.js';
import type { TaskStoreData } from '../../../electron/core/ports/task-store.js';

/** A valid stored task (defaults filled in by the shared schema), with an env secret. */
export function makeTask(name: string, overrides: Partial<TaskDocumentInput> = {}): StoredTask {
  const now = new Date().toISOString();
  return storedTaskSchema.parse({
    id: randomUUID(),
    createdAt: now,
    updatedAt: now,
    name,
    triggers: [{ type: 'cron', expression: '0 9 * * 1-5', timezone: 'Europe/Berlin' }],
    action: { type: 'command', command: 'rsync -a ~/notes /backup', env: { TOKEN: 's3cret' } },
    retry: { maxRetries: 2, delayMs: 5_000 },
    timeoutMs: 60_000,
    tags: ['backup'],
    ...overrides,
  });
}

/** Store data with `count` tasks and non-default settings. */
export function makeData(count: number, label = 'task'): TaskStoreData {
  return {
    tasks: Array.from({ length: count }, (_, i) => makeTask(`${label} ${i + 1}`)),
    settings: { ...DEFAULT_SETTINGS, maxRunningTasks: 7, historyMaxAgeDays: 30 },
  };
}
