import { createRequire } from 'node:module';
import type { LibraryTask } from './library-task.js';
import type * as Validation from './library-validation.js';

type ParseLibraryTask = (input: unknown) => LibraryTask;

let parse: ParseLibraryTask | null = null;

/**
 * The library's full validation, loaded on first need. zod and the task schemas are ~4 MB of
 * heap; a process that imports the engine with them crosses V8's first old-generation limit
 * while it registers ten thousand tasks and pays a full collection there (~20 ms), and it stays
 * ~4 MB larger for good. Documents the plain reader vouches for never need them. Node (>= 20.19,
 * this package's floor) and Electron `require` an ES module synchronously, so `addTask` stays
 * synchronous.
 */
export function parseLibraryTask(input: unknown): LibraryTask {
  if (parse === null) {
    const load = createRequire(import.meta.url);
    const validation = load('./library-validation.js') as typeof Validation;
    parse = validation.parseLibraryTask;
  }
  return parse(input);
}

/**
 * Supplies the validation up front, for code that runs this package's TypeScript sources (the
 * unit tests), whose modules Node's `require` cannot load.
 */
export function provideLibraryValidation(validate: ParseLibraryTask): void {
  parse = validate;
}
