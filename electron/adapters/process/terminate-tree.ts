import { execFile } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import pidtree from 'pidtree';
import { childrenByParent, collectTree, readAllProcStats, readProcStat } from './procfs.js';

/** A process tree to end: its root, its process group (POSIX) and the root's start token. */
export interface TreeTarget {
  pid: number;
  pgid: number | null;
  /** The root's start token (readStartToken), so a reused pid is never signalled; or null. */
  startToken: string | null;
}

/** How often the tree is re-read during the grace period, to finish early once it is gone. */
const POLL_MS = 100;

function send(pid: number, signal: NodeJS.Signals): void {
  if (pid === process.pid || pid === -process.pid || Math.abs(pid) <= 1) return;
  try {
    process.kill(pid, signal);
  } catch {
    // ESRCH: it is already gone; EPERM: it is not ours to end. Either way nothing to do.
  }
}

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux: the tree is read from /proc, and every pid is checked against its start time. */
class ProcfsTree {
  /** pid -> start time of every process seen in the tree; survives the death of their parents. */
  private readonly known = new Map<number, string>();
  private readonly ownGroup = readProcStat(process.pid)?.pgid ?? null;
  private groupIsOurs = false;
  private members: { pid: number; pgid: number }[] = [];

  constructor(private readonly target: TreeTarget) {
    if (target.startToken !== null) this.known.set(target.pid, target.startToken);
  }

  /** Re-reads the tree; returns how many live (non-zombie) processes it has, and remembers them. */
  read(): number {
    const all = readAllProcStats();
    const { pgid } = this.target;
    const leader = all.find((stat) => stat.pid === pgid);
    // A leader with an unknown start time means the group id now belongs to a new group.
    this.groupIsOurs =
      pgid !== null &&
      pgid !== this.ownGroup &&
      (leader === undefined || this.known.get(leader.pid) === leader.startTime);
    const roots = all.filter(
      (stat) =>
        (this.groupIsOurs && stat.pgid === pgid) || this.known.get(stat.pid) === stat.startTime,
    );
    const live = collectTree(roots, childrenByParent(all)).filter((stat) => stat.state !== 'Z');
    this.members = live.map((stat) => ({ pid: stat.pid, pgid: stat.pgid }));
    for (const stat of live) this.known.set(stat.pid, stat.startTime);
    return live.length;
  }

  /** Signals the group once, and each member that left the group on its own. */
  signal(signal: NodeJS.Signals): void {
    const { pgid } = this.target;
    const inGroup = (member: { pgid: number }) => this.groupIsOurs && member.pgid === pgid;
    if (pgid !== null && this.members.some(inGroup)) send(-pgid, signal);
    for (const member of this.members) if (!inGroup(member)) send(member.pid, signal);
  }
}

/** Other POSIX systems: descendants come from pidtree (ps), collected before the first signal. */
class PsTree {
  private descendants: number[] = [];

  constructor(private readonly target: TreeTarget) {}

  async collect(): Promise<void> {
    try {
      this.descendants = await pidtree(this.target.pid);
    } catch {
      // The root is already gone; its group may still hold processes.
    }
  }

  read(): number {
    const { pgid } = this.target;
    const group = pgid !== null && exists(-pgid) ? 1 : 0;
    return group + this.descendants.filter(exists).length;
  }

  /** Descendants still in the group get the signal twice: ps cannot say cheaply who left it. */
  signal(signal: NodeJS.Signals): void {
    const { pgid } = this.target;
    if (pgid !== null) send(-pgid, signal);
    for (const pid of this.descendants) send(pid, signal);
  }
}

/** Runs `taskkill` on the tree of `pid` (`/T`), forcibly with `/F`; resolves when it is done. */
function taskkill(pid: number, force: boolean): Promise<void> {
  const args = ['/pid', String(pid), '/T', ...(force ? ['/F'] : [])];
  return new Promise((resolve) => {
    execFile('taskkill', args, { windowsHide: true }, () => {
      resolve();
    });
  });
}

/**
 * Windows has no SIGTERM: `taskkill /T` asks the tree to close (windowed programs get to save
 * and quit), and `/F` ends what is left once the grace period is over.
 */
async function terminateWindowsTree(pid: number, graceMs: number): Promise<void> {
  await taskkill(pid, false);
  const deadline = Date.now() + graceMs;
  while (exists(pid) && Date.now() < deadline) {
    await delay(Math.min(POLL_MS, deadline - Date.now()));
  }
  if (exists(pid)) await taskkill(pid, true);
}

/**
 * Ends a process tree: SIGTERM to its group and to descendants that left the group, then
 * SIGKILL to whatever is left after `graceMs` (on Windows `taskkill /T`, then `/T /F`). Resolves
 * once the tree is gone or the forcible end was sent; never rejects. `platform` chooses how the
 * tree is found and ended; `target.startToken` must come from the same platform's readStartToken.
 */
export async function terminateTree(
  target: TreeTarget,
  graceMs: number,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  if (platform === 'win32') {
    await terminateWindowsTree(target.pid, graceMs);
    return;
  }
  let tree: ProcfsTree | PsTree;
  if (platform === 'linux') {
    tree = new ProcfsTree(target);
  } else {
    const ps = new PsTree(target);
    await ps.collect();
    tree = ps;
  }
  let alive = tree.read();
  tree.signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive > 0 && Date.now() < deadline) {
    await delay(Math.min(POLL_MS, deadline - Date.now()));
    alive = tree.read();
  }
  if (alive > 0) tree.signal('SIGKILL');
}
