import { closeSync, openSync, readdirSync, readSync } from 'node:fs';

/** The fields of Linux's /proc/<pid>/stat that Taskdeck uses. */
export interface ProcStat {
  pid: number;
  /** One letter: R, S, D, Z (zombie), T, ... */
  state: string;
  ppid: number;
  pgid: number;
  sid: number;
  /** utime + stime + cutime + cstime in clock ticks: its own CPU and that of children it waited for. */
  cpuTicks: number;
  /** Start time after boot in clock ticks (field 22), as text: the pid's identity against reuse. */
  startTime: string;
  rssPages: number;
}

/** Parses the text of /proc/<pid>/stat; null when it is not in the expected shape. */
export function parseProcStat(text: string): ProcStat | null {
  // The command name (field 2) may hold spaces and parentheses, so fields are counted from the
  // last ')': field n (numbered as in proc(5)) is rest[n - 3].
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const pid = Number.parseInt(text, 10);
  const rest = text.slice(close + 2).split(' ');
  const field = (n: number): number => Number(rest[n - 3]);
  const state = rest[0];
  const startTime = rest[22 - 3];
  const stat: ProcStat = {
    pid,
    state: state ?? '',
    ppid: field(4),
    pgid: field(5),
    sid: field(6),
    cpuTicks: field(14) + field(15) + field(16) + field(17),
    startTime: startTime ?? '',
    rssPages: field(24),
  };
  const numeric = [stat.pid, stat.ppid, stat.pgid, stat.sid, stat.cpuTicks, stat.rssPages];
  if (stat.state === '' || stat.startTime === '' || numeric.some((n) => !Number.isFinite(n))) {
    return null;
  }
  return stat;
}

/**
 * One buffer for every read: a stat line is at most about 1 KiB (52 numeric fields and a name of
 * at most 15 bytes), so a single read() returns all of it.
 */
const statBuffer = Buffer.allocUnsafe(4096);

/** Reads one process's stat; null when the process does not exist (or /proc is absent). */
export function readProcStat(pid: number): ProcStat | null {
  let fd: number;
  try {
    fd = openSync(`/proc/${pid}/stat`, 'r');
  } catch {
    return null;
  }
  try {
    // open/read/close rather than readFileSync, which adds an fstat and a second read: this
    // halves the cost of a scan.
    const length = readSync(fd, statBuffer, 0, statBuffer.length, 0);
    return parseProcStat(statBuffer.toString('latin1', 0, length));
  } catch {
    // The process exited between open and read (ESRCH).
    return null;
  } finally {
    closeSync(fd);
  }
}

const SPACE = 0x20;
const CLOSE_PAREN = 0x29;

/**
 * One process's start time (field 22 of its stat, as text: see ProcStat.startTime), or null when
 * it does not exist. Taken every time a command starts, so it picks out that one field from the
 * bytes rather than parsing the line.
 */
export function readStartTime(pid: number): string | null {
  let fd: number;
  try {
    fd = openSync(`/proc/${pid}/stat`, 'r');
  } catch {
    return null;
  }
  let length: number;
  try {
    length = readSync(fd, statBuffer, 0, statBuffer.length, 0);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
  // Fields are counted from the last ')', as in parseProcStat: field 3 starts two bytes after it.
  let at = statBuffer.lastIndexOf(CLOSE_PAREN, length - 1) + 2;
  if (at < 2) return null;
  for (let field = 3; field < 22; field++) {
    at = statBuffer.indexOf(SPACE, at) + 1;
    if (at === 0 || at >= length) return null;
  }
  let end = statBuffer.indexOf(SPACE, at);
  if (end < 0 || end > length) end = length;
  return end > at ? statBuffer.toString('latin1', at, end) : null;
}

/**
 * Reads the stat of every process. Synchronous on purpose: these are tiny kernel-generated
 * files, and reading them synchronously costs a fraction of the CPU of async reads (~10 µs a
 * process against ~50 µs), which matters for a sampler that runs every second.
 */
export function readAllProcStats(): ProcStat[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const stats: ProcStat[] = [];
  for (const name of names) {
    const first = name.charCodeAt(0);
    if (first < 48 || first > 57) continue;
    // A process may exit between the listing and the read; it is simply absent then.
    const stat = readProcStat(Number(name));
    if (stat !== null) stats.push(stat);
  }
  return stats;
}

/** Maps each pid to the stats of its direct children. */
export function childrenByParent(stats: readonly ProcStat[]): Map<number, ProcStat[]> {
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) {
    const list = children.get(stat.ppid);
    if (list === undefined) children.set(stat.ppid, [stat]);
    else list.push(stat);
  }
  return children;
}

/** The given roots and all their descendants, each once, from a parent->children map. */
export function collectTree(
  roots: readonly ProcStat[],
  children: ReadonlyMap<number, readonly ProcStat[]>,
): ProcStat[] {
  const seen = new Set<number>();
  const out: ProcStat[] = [];
  const stack = [...roots];
  for (let stat = stack.pop(); stat !== undefined; stat = stack.pop()) {
    if (seen.has(stat.pid)) continue;
    seen.add(stat.pid);
    out.push(stat);
    const kids = children.get(stat.pid);
    if (kids !== undefined) stack.push(...kids);
  }
  return out;
}
