import type { SchedulerState, StateStore } from '../../core/ports/state-store.js';

/** StateStore kept in memory (library and tests): a copy of the last saved state. */
export class MemoryStateStore implements StateStore {
  private state: SchedulerState = { lastFires: {}, heartbeat: null };

  load(): Promise<SchedulerState> {
    return Promise.resolve(structuredClone(this.state));
  }

  save(state: SchedulerState): Promise<void> {
    this.state = structuredClone(state);
    return Promise.resolve();
  }
}
