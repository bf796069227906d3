import pidtree from 'pidtree';
import pidusage from 'pidusage';
import type { ProcessSampler, TreeReading } from '../../core/ports/process-sampler.js';
import { TreeCpuMeter } from './tree-cpu-meter.js';

/**
 * Other platforms: finds each tree with pidtree and reads it with pidusage. Same semantics as
 * ProcfsSampler (the first reading of a root primes it and reports cpuPercent 0), except that a
 * tree's CPU counts only its live members' own time.
 */
export class PidusageSampler implements ProcessSampler {
  private readonly meter = new TreeCpuMeter();

  /** Reads each root's tree; roots that are gone are absent. */
  async sample(rootPids: readonly number[]): Promise<Map<number, TreeReading>> {
    const readings = new Map<number, TreeReading>();
    await Promise.all(
      [...new Set(rootPids)].map(async (root) => {
        const reading = await this.readTree(root);
        if (reading === null) this.meter.forget(root);
        else readings.set(root, reading);
      }),
    );
    return readings;
  }

  /** Forgets a root's previous CPU reading. */
  forget(rootPid: number): void {
    this.meter.forget(rootPid);
  }

  private async readTree(root: number): Promise<TreeReading | null> {
    let stats: Partial<Record<string, pidusage.Status>>;
    try {
      stats = await pidusage(await pidtree(root, { root: true }));
    } catch {
      return null;
    }
    if (stats[String(root)] === undefined) return null;
    let cpuMs = 0;
    let rssBytes = 0;
    for (const stat of Object.values(stats)) {
      cpuMs += stat?.ctime ?? 0;
      rssBytes += stat?.memory ?? 0;
    }
    // No identity check: ps reports start times too coarsely to compare, and a root is forgotten
    // as soon as it is seen gone (or its execution ends), long before its pid could come back.
    const cpu = this.meter.read(root, '', cpuMs, performance.now());
    return { ...cpu, rssBytes };
  }
}
