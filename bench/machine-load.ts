import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second for /proc/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function busyMs(): number | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]?.trim().split(/\s+/) ?? [];
    // cpu user nice system idle iowait irq softirq steal …: everything but idle and iowait.
    const ticks = fields.slice(1, 9).map(Number);
    const busy = ticks.reduce(
      (sum, value, index) => (index === 3 || index === 4 ? sum : sum + value),
      0,
    );
    return ticks.length === 8 && Number.isFinite(busy) ? (busy * 1_000) / TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}

/**
 * Starts watching how much CPU the rest of the machine uses: the returned function gives the CPU
 * ms every other process used since (all cores, from /proc/stat, less this process's own), or
 * null where /proc/stat does not exist. A busy neighbour is what makes a run an outlier.
 */
export function watchOthersCpu(): () => number | null {
  const machineStart = busyMs();
  const ownStart = process.cpuUsage();
  return () => {
    const machineEnd = busyMs();
    if (machineStart === null || machineEnd === null) return null;
    const own = process.cpuUsage(ownStart);
    return Math.max(0, machineEnd - machineStart - (own.user + own.system) / 1_000);
  };
}
