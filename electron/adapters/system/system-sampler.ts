import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SystemSample } from '../../../shared/schemas/system.js';

/** Where a `SystemSampler` reads the machine on Linux; tests point these at fixture folders. */
export interface SystemSamplerOptions {
  /** The procfs mount, `/proc` by default. */
  procDir?: string;
  /** The folder of power supplies, `/sys/class/power_supply` by default. */
  powerSupplyDir?: string;
}

/** Cumulative CPU time of all cores, in any one unit. */
interface CpuTimes {
  busy: number;
  total: number;
}

interface Memory {
  memUsedBytes: number;
  memTotalBytes: number;
}

/**
 * Reads the whole machine: CPU % of all cores (0..100) since the previous call, memory in use,
 * and whether it runs on battery (null where that cannot be told). The first call measures CPU
 * since boot, so a caller primes it once before trusting the figure.
 */
export class SystemSampler {
  private readonly linux = process.platform === 'linux';
  private readonly procDir: string;
  private readonly powerSupplyDir: string;
  private previous: CpuTimes = { busy: 0, total: 0 };
  private lastPercent = 0;

  constructor(options: SystemSamplerOptions = {}) {
    this.procDir = options.procDir ?? '/proc';
    this.powerSupplyDir = options.powerSupplyDir ?? '/sys/class/power_supply';
  }

  /** One reading of the machine, shaped like `systemSampleSchema`; never throws. */
  sample(): SystemSample {
    return {
      t: Date.now(),
      cpuPercent: this.cpuPercent(),
      ...this.memory(),
      onBattery: this.linux ? linuxOnBattery(this.powerSupplyDir) : null,
    };
  }

  private cpuPercent(): number {
    const now = (this.linux ? procCpuTimes(this.procDir) : null) ?? osCpuTimes();
    const total = now.total - this.previous.total;
    const busy = now.busy - this.previous.busy;
    this.previous = now;
    // Two calls within one clock tick see no time pass: the last figure still stands.
    if (total > 0) this.lastPercent = Math.min(100, Math.max(0, (busy / total) * 100));
    return this.lastPercent;
  }

  private memory(): Memory {
    const fromProc = this.linux ? procMemory(this.procDir) : null;
    if (fromProc !== null) return fromProc;
    const total = os.totalmem();
    return { memUsedBytes: total - os.freemem(), memTotalBytes: total };
  }
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The aggregate `cpu` line of /proc/stat, in clock ticks; null when it cannot be read. */
function procCpuTimes(procDir: string): CpuTimes | null {
  const line = readText(path.join(procDir, 'stat'))?.split('\n', 1)[0];
  if (line?.startsWith('cpu ') !== true) return null;
  // user nice system idle iowait irq softirq steal; guest time is already counted in user.
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (fields.length < 4 || fields.some((n) => !Number.isFinite(n))) return null;
  const total = fields.reduce((sum, n) => sum + n, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

function osCpuTimes(): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const { times } of os.cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** MemTotal - MemAvailable from /proc/meminfo; null when it cannot be read. */
function procMemory(procDir: string): Memory | null {
  const text = readText(path.join(procDir, 'meminfo'));
  if (text === null) return null;
  const kib = (key: string): number | null => {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return match?.[1] === undefined ? null : Number(match[1]) * 1024;
  };
  const total = kib('MemTotal');
  const available = kib('MemAvailable');
  if (total === null || available === null) return null;
  return { memUsedBytes: Math.max(0, total - available), memTotalBytes: total };
}

/**
 * From the kernel's power supplies: false when external power is online, true when a system
 * battery is present and no external power is online, null when there is no such information.
 */
function linuxOnBattery(dir: string): boolean | null {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  let battery = false;
  for (const name of names) {
    const read = (attribute: string): string | undefined =>
      readText(path.join(dir, name, attribute))?.trim();
    const type = read('type');
    // USB-C chargers appear as type USB on many laptops, beside or instead of Mains.
    if ((type === 'Mains' || type === 'USB') && read('online') === '1') return false;
    // A wireless mouse's battery has scope Device; it says nothing about the computer's power.
    if (type === 'Battery' && read('scope') !== 'Device' && read('present') !== '0') {
      battery = true;
    }
  }
  return battery ? true : null;
}
