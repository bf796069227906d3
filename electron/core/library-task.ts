import { z } from 'zod';
import { commandActionSchema } from '../../shared/schemas/action.js';
import { idSchema } from '../../shared/schemas/primitives.js';
import { taskDocumentSchema } from '../../shared/schemas/task.js';
import type { RunContext } from './task-definition.js';

const functionActionSchema = z.strictObject({
  type: z.literal('function'),
  run: z.custom<(ctx: RunContext) => unknown>(
    (value) => typeof value === 'function',
    'Must be a function',
  ),
});

/** A task as the library takes it: the task document, an optional id, and function actions. */
export const libraryTaskSchema = taskDocumentSchema.extend({
  id: idSchema.optional(),
  action: z.discriminatedUnion('type', [commandActionSchema, functionActionSchema]),
});
export type LibraryTaskInput = z.input<typeof libraryTaskSchema>;
/** A library task once parsed: defaults filled in. */
export type LibraryTask = z.output<typeof libraryTaskSchema>;
