import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/** A process as the tests see it, read from /proc independently of the code under test. */
export interface ProcInfo {
  pid: number;
  state: string;
  ppid: number;
  pgid: number;
  sid: number;
  startTime: string;
}

/** Reads /proc/<pid>/stat; null when the process does not exist. */
export function procInfo(pid: number): ProcInfo | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return {
    pid,
    state: f[0] ?? '?',
    ppid: Number(f[1]),
    pgid: Number(f[2]),
    sid: Number(f[3]),
    startTime: f[19] ?? '?',
  };
}

/**
 * CPU time the processes have used, in ms, from /proc/<pid>/schedstat: the scheduler's own
 * nanosecond count, a source independent of the stat fields a sampler reads.
 */
export function scheduledMs(pids: readonly number[]): number {
  let ns = 0;
  for (const pid of pids) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // Gone: it adds nothing.
    }
  }
  return ns / 1e6;
}

/** Every process whose parent is `pid`. */
export function childrenOf(pid: number): ProcInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => procInfo(Number(name)))
    .filter((info): info is ProcInfo => info !== null && info.ppid === pid);
}

/** Gone means absent from /proc, or a zombie (an orphan PID 1 has not reaped is not running). */
export function isGone(pid: number): boolean {
  const info = procInfo(pid);
  return info === null || info.state === 'Z';
}

/** The live (not zombie) processes of process group `pgid`. */
export function groupOf(pgid: number): ProcInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => procInfo(Number(name)))
    .filter((info): info is ProcInfo => info !== null && info.pgid === pgid && info.state !== 'Z');
}

/** Polls `check` until it is true; fails after `timeoutMs`. */
export async function waitUntil(
  check: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(20);
  }
}

/** SIGKILLs a pid (or a group, given a negative id), ignoring that it may be gone already. */
export function forceKill(id: number): void {
  try {
    process.kill(id, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
