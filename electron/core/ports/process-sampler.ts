/** One reading of a whole process tree. */
export interface TreeReading {
  /** CPU since the previous reading of this tree, in percent of one core (can exceed 100). */
  cpuPercent: number;
  rssBytes: number;
  /** CPU time the tree has used so far, in ms. */
  cpuTimeMs: number;
}

/** Port: reads the resources of process trees. */
export interface ProcessSampler {
  /**
   * Notes that `rootPid` has just been started (`startToken` as its runner recorded it): a new
   * tree has used no CPU yet, so its first `sample` reports the CPU used since the start instead
   * of only priming. Reads no process: it is called on every start.
   */
  started(rootPid: number, startToken: string | null): void;
  /** Reads each root's tree; roots that are gone are absent from the result. */
  sample(rootPids: readonly number[]): Promise<Map<number, TreeReading>>;
  /** Forgets what it kept about a root (its previous CPU reading). */
  forget(rootPid: number): void;
}
