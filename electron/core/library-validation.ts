import { parseOrThrow } from '../../shared/validation.js';
import { libraryTaskSchema, type LibraryTask } from './library-task.js';

/**
 * Validates a library task document in full with zod; a bad one throws a TaskdeckError naming
 * each bad field. Loaded on first need (see `library-validation-loader.ts`).
 */
export function parseLibraryTask(input: unknown): LibraryTask {
  return parseOrThrow(libraryTaskSchema, input);
}
