import type { Settings } from '../../../shared/schemas/settings.js';
import type { Problem } from '../../../shared/schemas/system.js';
import type { StoredTask } from '../../../shared/schemas/task.js';

/** Everything `tasks.json` holds. */
export interface TaskStoreData {
  tasks: StoredTask[];
  settings: Settings;
}

/**
 * Port: where tasks and settings live. Loading never throws for a bad file: a corrupt or
 * invalid file is moved aside (never deleted) and reported as a problem, and loading goes on
 * with an empty store. A file written by a newer Taskdeck is refused: `load` rejects with a
 * clear message and the file is left untouched.
 */
export interface TaskStore {
  load(): Promise<{ data: TaskStoreData; problems: Problem[] }>;
  /**
   * Replaces the stored data with `data` in one atomic whole-file write. Calls made while a
   * write is pending share the next write; each resolves once a write containing its data is
   * durable on disk.
   */
  save(data: TaskStoreData): Promise<void>;
}
