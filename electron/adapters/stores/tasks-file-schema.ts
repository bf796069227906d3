import { z } from 'zod';
import { settingsSchema } from '../../../shared/schemas/settings.js';
import { storedTaskSchema } from '../../../shared/schemas/task.js';

/** The `tasks.json` format this Taskdeck reads and writes. */
export const TASKS_SCHEMA_VERSION = 2;

/**
 * `tasks.json` at the current version: every task and setting validated by the shared
 * schemas, unknown keys rejected, task ids unique.
 */
export const tasksFileSchema = z.strictObject({
  schemaVersion: z.literal(TASKS_SCHEMA_VERSION),
  tasks: z.array(storedTaskSchema).check((ctx) => {
    const seen = new Set<string>();
    ctx.value.forEach((task, index) => {
      if (seen.has(task.id)) {
        ctx.issues.push({
          code: 'custom',
          input: task.id,
          path: [index, 'id'],
          message: `Duplicate task id ${task.id}`,
        });
      }
      seen.add(task.id);
    });
  }),
  settings: settingsSchema,
});
export type TasksFile = z.output<typeof tasksFileSchema>;
