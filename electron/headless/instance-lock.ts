import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

/** Who holds a data folder. */
export interface LockOwner {
  pid: number;
  kind: 'app' | 'headless';
  startedAt: string;
}

/** Thrown when another live Taskdeck holds the folder; the message says who. */
export class FolderLockedError extends Error {
  override readonly name = 'FolderLockedError';
  constructor(
    readonly folder: string,
    readonly owner: LockOwner,
  ) {
    super(
      `Another Taskdeck (${owner.kind}, pid ${owner.pid}, running since ${owner.startedAt}) is using ${folder}; ` +
        'only one may use a data folder at a time, or every job would run twice.',
    );
  }
}

/** True while process `pid` exists (someone else's counts: it may still hold a folder). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still means the folder is in use.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid !== 'number') return null;
    return {
      pid: owner.pid,
      kind: owner.kind === 'app' ? 'app' : 'headless',
      startedAt: String(owner.startedAt),
    };
  } catch {
    return null;
  }
}

/**
 * Takes the data folder's lock file (`taskdeck.lock`, created exclusively). A lock left by a
 * process that is gone (a crash) is taken over. Returns the release function.
 */
export function acquireFolderLock(folder: string, kind: LockOwner['kind']): () => void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const path = join(folder, 'taskdeck.lock');
  const me: LockOwner = { pid: process.pid, kind, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return () => {
        try {
          if (readOwner(path)?.pid === process.pid) rmSync(path, { force: true });
        } catch {
          // A read-only folder: the lock stays and names a dead pid, so the next start takes it.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      if (owner !== null && owner.pid !== process.pid && isRunning(owner.pid))
        throw new FolderLockedError(folder, owner);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not take the lock in ${folder}`);
}
