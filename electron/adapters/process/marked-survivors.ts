import { readdirSync, readFileSync } from 'node:fs';
import { EXECUTION_ID_VARIABLE } from './child-process-runner.js';
import { readProcStat } from './procfs.js';
import { terminateTree } from './terminate-tree.js';

/** Whether the processes of an execution (null: a marked process without one) are survivors. */
export type SurvivorTest = (executionId: string | null) => boolean | Promise<boolean>;

/**
 * Ends the processes carrying `name=value` in their environment (Linux; elsewhere it finds none)
 * whose execution `isSurvivor` names: the processes of runs a crashed Taskdeck on this data folder
 * never saw end — including what left their process group, and what it started without getting
 * to record the start.
 *
 * Deliberately not the rest. A run that ended is over, and what it left running on purpose
 * (`nohup server &`, a daemon it launched) is the person's: cron and anacron leave it alone too,
 * and ending it at some later start of Taskdeck (a restart, an update, days on) would be a
 * surprise nobody could plan for. So the caller spares executions the history shows as ended.
 * (One whose record retention has already removed can no longer be told apart, and is ended.)
 *
 * Each process group found gets SIGTERM, then SIGKILL after `graceMs`. Resolves with how many
 * processes it ended; never rejects.
 */
export async function reapMarked(
  name: string,
  value: string,
  graceMs: number,
  isSurvivor: SurvivorTest,
): Promise<number> {
  if (process.platform !== 'linux') return 0;
  const wanted = `${name}=${value}`;
  const idPrefix = `${EXECUTION_ID_VARIABLE}=`;
  const own = readProcStat(process.pid)?.pgid ?? null;
  const targets = new Map<number, { pid: number; pgid: number; startToken: string }>();
  const verdicts = new Map<string | null, boolean>();
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
    let environ: string[];
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
    } catch {
      continue;
    }
    if (!environ.includes(wanted)) continue;
    const stat = readProcStat(pid);
    if (stat === null || stat.state === 'Z') continue;
    const executionId = environ.find((e) => e.startsWith(idPrefix))?.slice(idPrefix.length) ?? null;
    let survivor = verdicts.get(executionId);
    if (survivor === undefined) {
      survivor = await isSurvivor(executionId);
      verdicts.set(executionId, survivor);
    }
    if (!survivor) continue;
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
