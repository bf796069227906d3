import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings.js';
import type { Problem } from '../../../shared/schemas/system.js';
import type { TaskStore, TaskStoreData } from '../../core/ports/task-store.js';
import { CoalescedWriter } from './coalesced-writer.js';

/**
 * TaskStore kept in memory (the library's default and a test double with the same contract):
 * saves coalesce like the file store's and keep a copy, so later changes to the caller's
 * objects do not leak in; nothing survives the process.
 */
export class MemoryTaskStore implements TaskStore {
  private committed: TaskStoreData;
  private readonly writer = new CoalescedWriter<TaskStoreData>((data) => {
    this.committed = structuredClone(data);
  });

  constructor(initial?: TaskStoreData) {
    this.committed = structuredClone(initial ?? { tasks: [], settings: { ...DEFAULT_SETTINGS } });
  }

  load(): Promise<{ data: TaskStoreData; problems: Problem[] }> {
    return Promise.resolve({ data: structuredClone(this.committed), problems: [] });
  }

  save(data: TaskStoreData): Promise<void> {
    return this.writer.submit(data);
  }
}
