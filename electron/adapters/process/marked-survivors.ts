import { readdirSync, readFileSync } from 'node:fs';
import { readProcStat } from './procfs.js';
import { terminateTree } from './terminate-tree.js';

/**
 * Ends every process carrying `name=value` in its environment (Linux; elsewhere it finds none):
 * the processes a crashed Taskdeck started on this data folder, including any whose start it
 * never got to record. Only one Taskdeck may use a folder, so at start-up every such process is
 * a survivor. Each process group found gets SIGTERM, then SIGKILL after `graceMs`. Resolves with
 * how many processes it found; never rejects.
 */
export async function reapMarked(name: string, value: string, graceMs: number): Promise<number> {
  if (process.platform !== 'linux') return 0;
  const wanted = `${name}=${value}`;
  const own = readProcStat(process.pid)?.pgid ?? null;
  const targets = new Map<number, { pid: number; pgid: number; startToken: string }>();
  let found = 0;
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const entry of names) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
    } catch {
      continue;
    }
    if (!environ.split('\0').includes(wanted)) continue;
    const stat = readProcStat(pid);
    if (stat === null || stat.state === 'Z') continue;
    found++;
    // One target per group (the group is signalled whole); a process in our own group alone.
    const key = stat.pgid !== own ? stat.pgid : -pid;
    if (!targets.has(key)) {
      targets.set(key, {
        pid,
        pgid: stat.pgid !== own ? stat.pgid : pid,
        startToken: stat.startTime,
      });
    }
  }
  await Promise.all([...targets.values()].map((target) => terminateTree(target, graceMs)));
  return found;
}
