import { z } from 'zod';
import { idSchema, utcTimeSchema } from './primitives.js';
import { settingsSchema } from './settings.js';
import { taskDocumentSchema } from './task.js';

/** A task inside an export file: the document with the identity it had. */
export const exportedTaskSchema = taskDocumentSchema.extend({
  id: idSchema.optional(),
  createdAt: utcTimeSchema.optional(),
  updatedAt: utcTimeSchema.optional(),
});
export type ExportedTask = z.output<typeof exportedTaskSchema>;

/** The file `tasks.export` writes and `tasks.import` reads. */
export const exportDocumentSchema = z.strictObject({
  format: z.literal('taskdeck'),
  version: z.literal(1),
  exportedAt: utcTimeSchema,
  tasks: z.array(exportedTaskSchema).max(100_000),
  settings: settingsSchema.optional(),
});
export type ExportDocument = z.output<typeof exportDocumentSchema>;
