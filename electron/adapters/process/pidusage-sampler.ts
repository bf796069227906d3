import pidtree from 'pidtree';
import pidusage from 'pidusage';
import type { ProcessSampler, TreeReading } from '../../core/ports/process-sampler.js';
import { TreeCpuMeter } from './tree-cpu-meter.js';

/**
 * Samples between two reads of the process table (pidtree runs `ps` for it): a child a tree
 * starts in between is counted from the next read on, at most this many samples later.
 */
export const TREE_REFRESH_SAMPLES = 5;

interface CachedTree {
  /** The root and its descendants as of the last read of the process table. */
  pids: number[];
  /** Samples taken since that read. */
  age: number;
}

/**
 * Other platforms: reads trees with pidusage (one call for every member of every tree), and
 * finds their members with pidtree, which runs `ps` — so only every TREE_REFRESH_SAMPLES
 * samples, one `ps` for all trees, or sooner once a member is seen gone (its parent may have
 * started others). Same semantics as ProcfsSampler (the first reading of a root primes it and
 * reports cpuPercent 0, unless `started` primed it), except that a tree's CPU counts only its
 * live members' own time.
 */
export class PidusageSampler implements ProcessSampler {
  private readonly meter = new TreeCpuMeter();
  private readonly trees = new Map<number, CachedTree>();

  /** Reads each root's tree; roots that are gone are absent. */
  async sample(rootPids: readonly number[]): Promise<Map<number, TreeReading>> {
    const readings = new Map<number, TreeReading>();
    const roots = [...new Set(rootPids)];
    if (roots.length === 0) return readings;
    const stale = roots.filter(
      (root) => (this.trees.get(root)?.age ?? Infinity) >= TREE_REFRESH_SAMPLES,
    );
    if (stale.length > 0) await this.readTrees(stale);
    const pids = new Set<number>();
    for (const root of roots) for (const pid of this.trees.get(root)?.pids ?? []) pids.add(pid);
    let stats: Partial<Record<string, pidusage.Status | null>>;
    try {
      stats = await pidusage([...pids]);
    } catch {
      // pidusage rejects when the only pid asked for is gone (with several, it leaves gone ones out).
      stats = {};
    }
    const now = performance.now();
    for (const root of roots) {
      const tree = this.trees.get(root);
      if (tree === undefined || (stats[String(root)] ?? null) === null) {
        this.forget(root);
        continue;
      }
      tree.age++;
      let cpuMs = 0;
      let rssBytes = 0;
      for (const pid of tree.pids) {
        const stat = stats[String(pid)] ?? null;
        if (stat === null) {
          tree.age = TREE_REFRESH_SAMPLES;
          continue;
        }
        cpuMs += stat.ctime;
        rssBytes += stat.memory;
      }
      // No identity check: ps reports start times too coarsely to compare, and a root is
      // forgotten as soon as it is seen gone (or its execution ends), long before its pid could
      // come back.
      readings.set(root, { ...this.meter.read(root, '', cpuMs, now), rssBytes });
    }
    return readings;
  }

  /** Primes a root that has just started at no CPU used; its members are read at its first sample. */
  started(rootPid: number): void {
    this.meter.read(rootPid, '', 0, performance.now());
  }

  /** Forgets a root's previous CPU reading and its members. */
  forget(rootPid: number): void {
    this.meter.forget(rootPid);
    this.trees.delete(rootPid);
  }

  /** Reads the process table once and caches the members of each of `roots`. */
  private async readTrees(roots: readonly number[]): Promise<void> {
    let table: { ppid: number; pid: number }[];
    try {
      table = await pidtree(-1, { advanced: true });
    } catch {
      // No table (ps failed): the roots alone are read until the next try.
      table = [];
    }
    const children = new Map<number, number[]>();
    for (const { ppid, pid } of table) {
      const list = children.get(ppid);
      if (list === undefined) children.set(ppid, [pid]);
      else list.push(pid);
    }
    for (const root of roots) {
      const pids = [root];
      for (let i = 0; i < pids.length; i++) {
        for (const child of children.get(pids[i] ?? -1) ?? []) pids.push(child);
      }
      this.trees.set(root, { pids, age: 0 });
    }
  }
}
