import { execFileSync } from 'node:child_process';
import type { ProcessSampler, TreeReading } from '../../core/ports/process-sampler.js';
import { childrenByParent, collectTree, readAllProcStats } from './procfs.js';
import { TreeCpuMeter } from './tree-cpu-meter.js';

/** Reads a `getconf` value once; the fallback is Linux's usual value. */
function getconf(name: string, fallback: number): number {
  try {
    const text = execFileSync('getconf', [name], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const value = Number(text.trim());
    return Number.isInteger(value) && value > 0 ? value : fallback;
  } catch {
    return fallback;
  }
}

let ticksPerSecond: number | null = null;
let pageSize: number | null = null;

/**
 * Linux: reads process trees straight from /proc, scanning every /proc/<pid>/stat once per
 * `sample()` (no `ps` per sample). A tree's CPU counts each live member's own time plus the time
 * of the children it has waited for, so short-lived children are not lost. The first reading of
 * a root only primes it and reports cpuPercent 0.
 */
export class ProcfsSampler implements ProcessSampler {
  private readonly meter = new TreeCpuMeter();
  private readonly ticksPerSecond: number;
  private readonly pageSize: number;

  constructor() {
    ticksPerSecond ??= getconf('CLK_TCK', 100);
    pageSize ??= getconf('PAGESIZE', 4096);
    this.ticksPerSecond = ticksPerSecond;
    this.pageSize = pageSize;
  }

  /** Reads each root's tree; roots that are gone (or zombies) are absent. */
  sample(rootPids: readonly number[]): Promise<Map<number, TreeReading>> {
    const readings = new Map<number, TreeReading>();
    if (rootPids.length === 0) return Promise.resolve(readings);
    const all = readAllProcStats();
    const now = performance.now();
    const wanted = new Set(rootPids);
    const children = childrenByParent(all);
    for (const root of all) {
      if (!wanted.has(root.pid) || root.state === 'Z') continue;
      wanted.delete(root.pid);
      let ticks = 0;
      let pages = 0;
      for (const member of collectTree([root], children)) {
        ticks += member.cpuTicks;
        pages += member.rssPages;
      }
      const cpu = this.meter.read(
        root.pid,
        root.startTime,
        (ticks * 1000) / this.ticksPerSecond,
        now,
      );
      readings.set(root.pid, { ...cpu, rssBytes: pages * this.pageSize });
    }
    for (const gone of wanted) this.meter.forget(gone);
    return Promise.resolve(readings);
  }

  /** Forgets a root's previous CPU reading. */
  forget(rootPid: number): void {
    this.meter.forget(rootPid);
  }
}
