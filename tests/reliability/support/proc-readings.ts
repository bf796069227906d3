import { readdirSync, readFileSync } from 'node:fs';

/*
 * Readings of /proc taken independently of the code under test: memory, descriptors and CPU of
 * a process, TCP socket states, and every process that carries a marker in its environment.
 */

/** Clock ticks per second of /proc/<pid>/stat times; 100 on every Linux this runs on. */
export const CLOCK_TICKS_PER_SECOND = 100;

/** A process found by its environment, as /proc shows it. */
export interface MarkedProcess {
  pid: number;
  ppid: number;
  pgid: number;
  /** One letter: R, S, D, Z (zombie), T, ... */
  state: string;
  /** Its command line, arguments joined by spaces. */
  command: string;
  /** Its environment as it was started. */
  env: ReadonlyMap<string, string>;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return null;
  }
}

/** Resident memory of `pid` in bytes (VmRSS of /proc/<pid>/status); null once it is gone. */
export function rssBytes(pid: number): number | null {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readText(`/proc/${pid}/status`) ?? '');
  return match?.[1] === undefined ? null : Number(match[1]) * 1024;
}

/** Open file descriptors of `pid` (entries of /proc/<pid>/fd); null once it is gone. */
export function openFdCount(pid: number): number | null {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return null;
  }
}

/** The fields of /proc/<pid>/stat after the command name; null once it is gone. */
function statFields(pid: number): string[] | null {
  const text = readText(`/proc/${pid}/stat`);
  if (text === null) return null;
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** CPU time `pid` itself has used (utime + stime), in ms; null once it is gone. */
export function cpuTimeMs(pid: number): number | null {
  const fields = statFields(pid);
  if (fields === null) return null;
  // proc(5): utime is field 14 and stime field 15; fields[0] is field 3.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * Every process whose environment sets `name` (to `value`, when given). Zombies are included
 * (state `Z`): the caller decides whether an unreaped orphan counts.
 */
export function processesWithEnv(name: string, value?: string): MarkedProcess[] {
  const out: MarkedProcess[] = [];
  const wanted = value === undefined ? `${name}=` : `${name}=${value}`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const environ = readText(`/proc/${pid}/environ`);
    // A quick test first: most processes are not ours, and splitting every environ is slow.
    if (environ?.includes(wanted) !== true) continue;
    const env = new Map<string, string>();
    for (const item of environ.split('\0')) {
      const eq = item.indexOf('=');
      if (eq > 0) env.set(item.slice(0, eq), item.slice(eq + 1));
    }
    if (!env.has(name) || (value !== undefined && env.get(name) !== value)) continue;
    const fields = statFields(pid);
    if (fields === null) continue;
    out.push({
      pid,
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
      state: fields[0] ?? '?',
      command: (readText(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim(),
      env,
    });
  }
  return out;
}

/** `processesWithEnv` without zombies: the processes that are still running. */
export function liveProcessesWithEnv(name: string, value?: string): MarkedProcess[] {
  return processesWithEnv(name, value).filter((process) => process.state !== 'Z');
}

/** SIGKILLs every live process marked with `name` (=`value`): cleanup after a failed test. */
export function killMarked(name: string, value?: string): number {
  let killed = 0;
  for (const process of liveProcessesWithEnv(name, value)) {
    try {
      globalThis.process.kill(process.pid, 'SIGKILL');
      killed++;
    } catch {
      // Gone meanwhile.
    }
  }
  return killed;
}

/** Names of the files under `dir` (recursively, relative to it) that look like temporary files. */
export function tempFilesUnder(dir: string): string[] {
  const entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  return entries.filter((name) => /\.tmp-|\.tmp$/.test(name));
}

/** TCP states of /proc/net/tcp(6), by their hexadecimal code. */
const TCP_STATES: Record<string, string> = {
  '01': 'ESTABLISHED',
  '02': 'SYN_SENT',
  '03': 'SYN_RECV',
  '04': 'FIN_WAIT1',
  '05': 'FIN_WAIT2',
  '06': 'TIME_WAIT',
  '07': 'CLOSE',
  '08': 'CLOSE_WAIT',
  '09': 'LAST_ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
};

/**
 * The state of the TCP socket bound to local port `localPort` whose peer is on `remotePort`
 * (e.g. CLOSE_WAIT once the peer closed it), or null when no such socket exists any more.
 */
export function tcpState(localPort: number, remotePort: number): string | null {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of (readText(table) ?? '').split('\n').slice(1)) {
      const [, local, remote, state] = line.trim().split(/\s+/);
      if (local?.endsWith(`:${hex(localPort)}`) && remote?.endsWith(`:${hex(remotePort)}`)) {
        return TCP_STATES[state ?? ''] ?? state ?? null;
      }
    }
  }
  return null;
}
