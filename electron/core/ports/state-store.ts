/** What the engine remembers across restarts to tell what it missed. */
export interface SchedulerState {
  /** Scheduled time (ms) of the last time-trigger fire, per task id. */
  lastFires: Record<string, number>;
  /** When the scheduler was last known alive (ms). */
  heartbeat: number | null;
}

/** Port: a small file beside the task store (never the task store itself). */
export interface StateStore {
  load(): Promise<SchedulerState>;
  save(state: SchedulerState): Promise<void>;
}
