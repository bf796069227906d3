import { execFileSync } from 'node:child_process';
import type { ProcessSampler, TreeReading } from '../../core/ports/process-sampler.js';
import { childrenByParent, collectTree, readAllProcStats, type ProcStat } from './procfs.js';
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
 * `sample()` (no `ps` per sample). A root's tree is the root, the members of the process group
 * it leads (the runner starts each execution as its own group, pgid = pid), and all their
 * descendants: so a member that outlives the shell, or that was reparented away from it, is
 * still measured (and still held to the memory limit) while the execution lasts. A tree's CPU
 * counts each live member's own time plus the time of the children it has waited for, so
 * short-lived children are not lost. The first reading of a root only primes it and reports
 * cpuPercent 0, unless `started` primed it.
 */
export class ProcfsSampler implements ProcessSampler {
  private readonly meter = new TreeCpuMeter();
  /** Each root's start time as first seen: its identity once it has exited. */
  private readonly identities = new Map<number, string>();
  private readonly ticksPerSecond: number;
  private readonly pageSize: number;

  constructor() {
    ticksPerSecond ??= getconf('CLK_TCK', 100);
    pageSize ??= getconf('PAGESIZE', 4096);
    this.ticksPerSecond = ticksPerSecond;
    this.pageSize = pageSize;
  }

  /** Reads each root's tree; roots whose process and group are gone (or zombies) are absent. */
  sample(rootPids: readonly number[]): Promise<Map<number, TreeReading>> {
    const readings = new Map<number, TreeReading>();
    if (rootPids.length === 0) return Promise.resolve(readings);
    const all = readAllProcStats();
    const now = performance.now();
    const wanted = new Set(rootPids);
    const starts = new Map<number, ProcStat[]>();
    const add = (root: number, stat: ProcStat) => {
      const list = starts.get(root);
      if (list === undefined) starts.set(root, [stat]);
      else list.push(stat);
    };
    for (const stat of all) {
      if (stat.state === 'Z') continue;
      if (wanted.has(stat.pid)) add(stat.pid, stat);
      if (stat.pgid !== stat.pid && wanted.has(stat.pgid)) add(stat.pgid, stat);
    }
    const children = childrenByParent(all);
    for (const root of wanted) {
      const members = starts.get(root) ?? [];
      const self = members.find((stat) => stat.pid === root);
      const known = this.identities.get(root);
      // A root pid that now belongs to another process: the execution's tree is gone.
      const reused = self !== undefined && known !== undefined && self.startTime !== known;
      if (members.length === 0 || reused) {
        this.forget(root);
        continue;
      }
      const identity = self?.startTime ?? known ?? '';
      this.identities.set(root, identity);
      let ticks = 0;
      let pages = 0;
      for (const member of collectTree(members, children)) {
        ticks += member.cpuTicks;
        pages += member.rssPages;
      }
      const cpu = this.meter.read(root, identity, (ticks * 1000) / this.ticksPerSecond, now);
      readings.set(root, { ...cpu, rssBytes: pages * this.pageSize });
    }
    return Promise.resolve(readings);
  }

  /**
   * Primes a root that has just started at no CPU used. The runner's start token on Linux is
   * the root's /proc start time, the identity this sampler checks; without one, the first
   * sample primes instead.
   */
  started(rootPid: number, startToken: string | null): void {
    if (startToken === null) return;
    this.identities.set(rootPid, startToken);
    this.meter.read(rootPid, startToken, 0, performance.now());
  }

  /** Forgets a root's previous CPU reading and identity. */
  forget(rootPid: number): void {
    this.meter.forget(rootPid);
    this.identities.delete(rootPid);
  }
}
