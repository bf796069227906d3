/** Things the operating system tells the engine about. */
export type SystemSignal =
  | { type: 'system.resume' }
  | { type: 'system.suspend' }
  | { type: 'system.lock' }
  | { type: 'system.unlock' }
  | { type: 'power.ac' }
  | { type: 'power.battery' }
  /** New readings are available (idle time, CPU, power); held requests are re-checked. */
  | { type: 'readings' };

/** What conditions are checked against; null where the machine cannot tell. */
export interface SystemReadings {
  onAcPower: boolean | null;
  idleMs: number | null;
  cpuPercent: number | null;
}

/** Port: the OS's events, its current readings, and file watching. */
export interface SystemSignals {
  subscribe(listener: (signal: SystemSignal) => void): () => void;
  readings(): SystemReadings;
  /** Calls `onChange` when the file or folder at `path` changes; returns the unwatch function. */
  watchFile(path: string, onChange: () => void): () => void;
}
