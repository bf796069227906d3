import { statSync, watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import path from 'node:path';

/** Quiet time that ends a burst of changes (an editor's save is several writes and renames). */
export const FILE_DEBOUNCE_MS = 300;
// A file written without pause (a log) still reports at this pace rather than never.
const MAX_WAIT_MS = 2_000;

/** Where an adapter reports a failure it survives. */
export type ErrorLog = (message: string, error: unknown) => void;

interface Identity {
  dev: number;
  ino: number;
  folder: boolean;
}

function identityOf(target: string): Identity | null {
  try {
    const stats = statSync(target);
    return { dev: stats.dev, ino: stats.ino, folder: stats.isDirectory() };
  } catch {
    return null;
  }
}

function sameIdentity(a: Identity | null, b: Identity | null): boolean {
  return a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;
}

/**
 * Watches one file or folder with `fs.watch` and calls `onChange` once per burst of changes,
 * including its creation, replacement and removal. A path that does not exist yet is awaited by
 * watching its nearest existing ancestor; a path removed or replaced is watched anew. Never
 * throws: its first failure goes to `log`, later ones are dropped.
 */
export class FileWatch {
  private readonly target: string;
  private watcher: FSWatcher | null = null;
  /** The path being watched: the target itself, or its nearest existing ancestor. */
  private watchedPath = '';
  private watchedIdentity: Identity | null = null;
  private watchedIsFolder = false;
  /** When an ancestor is watched, the name of the next step down towards the target. */
  private awaitedName: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private burstStart = 0;
  private logged = false;

  constructor(
    target: string,
    private readonly onChange: () => void,
    private readonly log: ErrorLog,
  ) {
    this.target = path.resolve(target);
    this.establish();
  }

  /** Stops watching; no call to `onChange` follows, even for a burst already under way. */
  close(): void {
    this.unwatch();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private establish(): void {
    this.unwatch();
    let dir = this.target;
    let awaited: string | null = null;
    let identity = identityOf(dir);
    while (identity === null) {
      const parent = path.dirname(dir);
      if (parent === dir) return;
      awaited = path.basename(dir);
      dir = parent;
      identity = identityOf(dir);
    }
    try {
      // Not persistent: a watch alone never keeps the process alive, like the engine's timers.
      const watcher = watch(dir, { persistent: false }, (event, filename) => {
        this.onEvent(event, filename);
      });
      watcher.on('error', (error) => {
        this.report(`watching ${this.target} failed`, error);
        if (this.watcher === watcher) this.establish();
      });
      this.watcher = watcher;
    } catch (error) {
      this.report(`cannot watch ${this.target}`, error);
      return;
    }
    this.watchedPath = dir;
    this.watchedIdentity = identity;
    this.watchedIsFolder = identity.folder;
    this.awaitedName = awaited;
  }

  private unwatch(): void {
    const watcher = this.watcher;
    this.watcher = null;
    watcher?.close();
  }

  private onEvent(event: string, filename: string | null): void {
    const onTarget = this.awaitedName === null;
    const aboutWatchedPath = this.isAboutWatchedPath(event, filename);
    if (!aboutWatchedPath && !onTarget && filename !== null && filename !== this.awaitedName) {
      return;
    }
    // The watched path was removed or replaced, or a step towards the target appeared or
    // vanished: what stands there now is watched instead.
    if (aboutWatchedPath || !onTarget) this.establish();
    if (onTarget || this.awaitedName === null) this.schedule();
  }

  /**
   * Whether an event concerns the watched path itself rather than an entry inside it. The
   * kernel reuses a freed inode number at once, so the name in the event counts as much as
   * the identity on disk.
   */
  private isAboutWatchedPath(event: string, filename: string | null): boolean {
    if (event !== 'rename') return false;
    if (!this.watchedIsFolder || filename === null) return true;
    if (filename === path.basename(this.watchedPath)) return true;
    return !sameIdentity(identityOf(this.watchedPath), this.watchedIdentity);
  }

  private schedule(): void {
    const now = performance.now();
    if (this.timer === null) this.burstStart = now;
    else clearTimeout(this.timer);
    const wait = Math.min(FILE_DEBOUNCE_MS, this.burstStart + MAX_WAIT_MS - now);
    this.timer = setTimeout(
      () => {
        this.flush();
      },
      Math.max(0, wait),
    );
    this.timer.unref();
  }

  private flush(): void {
    this.timer = null;
    // A file unlinked or renamed over while still open elsewhere reports only an attribute
    // change, so the watch may still be on the old inode.
    if (
      this.awaitedName === null &&
      !sameIdentity(identityOf(this.watchedPath), this.watchedIdentity)
    ) {
      this.establish();
    }
    try {
      this.onChange();
    } catch (error) {
      this.report(`a change listener for ${this.target} threw`, error);
    }
  }

  private report(message: string, error: unknown): void {
    if (this.logged) return;
    this.logged = true;
    this.log(message, error);
  }
}
