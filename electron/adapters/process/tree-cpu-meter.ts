interface Previous {
  identity: string;
  rawMs: number;
  atMs: number;
  cpuTimeMs: number;
}

/** CPU figures of one tree at one reading. */
export interface CpuReading {
  /** CPU since the previous reading in percent of one core; 0 on a root's first reading. */
  cpuPercent: number;
  /** CPU used so far, never decreasing. */
  cpuTimeMs: number;
}

/**
 * Turns cumulative CPU times of process trees into percent of one core (like `top`) between
 * readings. The first reading of a root primes it (0 %); a root whose identity changed (a reused
 * pid) starts over.
 */
export class TreeCpuMeter {
  private readonly previous = new Map<number, Previous>();

  /** Records `rawMs` (the tree's CPU time now, at monotonic time `atMs`) and returns the figures. */
  read(root: number, identity: string, rawMs: number, atMs: number): CpuReading {
    const before = this.previous.get(root);
    let cpuPercent = 0;
    let cpuTimeMs = rawMs;
    if (before?.identity === identity) {
      // A member that exits unwaited-for takes its time with it; the tree never gives CPU back.
      const used = Math.max(0, rawMs - before.rawMs);
      const elapsed = atMs - before.atMs;
      cpuPercent = elapsed > 0 ? (used / elapsed) * 100 : 0;
      cpuTimeMs = before.cpuTimeMs + used;
    }
    this.previous.set(root, { identity, rawMs, atMs, cpuTimeMs });
    return { cpuPercent, cpuTimeMs };
  }

  /** Forgets a root. */
  forget(root: number): void {
    this.previous.delete(root);
  }
}
