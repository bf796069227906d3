import { constants } from 'node:fs';
import { copyFile, lstat, open, rename } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { fsyncDirectory, isErrnoException } from './atomic-file.js';

/** A file-name-safe UTC timestamp: `2026-01-31T09-00-00-000Z` (no `:`, which Windows forbids). */
export function fileTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return false;
    throw error;
  }
}

/** `<dir>/<stem>.<label>-<timestamp>[-n]<ext>`, the first such name not taken yet. */
async function freeSibling(path: string, label: string, now: number): Promise<string> {
  const ext = extname(path);
  const stem = basename(path, ext);
  const base = join(dirname(path), `${stem}.${label}-${fileTimestamp(now)}`);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base}${ext}` : `${base}-${n}${ext}`;
    if (!(await exists(candidate))) return candidate;
  }
}

/**
 * Renames `path` (a file or whatever stands in its place) to a free sibling name such as
 * `tasks.corrupt-2026-01-31T09-00-00-000Z.json` and returns that name; nothing is deleted.
 */
export async function moveAside(path: string, label: string, now: number): Promise<string> {
  const target = await freeSibling(path, label, now);
  await rename(path, target);
  return target;
}

/**
 * Copies `path` to a free sibling name such as `tasks.v1-backup-<timestamp>.json` and returns it
 * once the copy and its folder entry are durable.
 */
export async function copyAside(path: string, label: string, now: number): Promise<string> {
  const target = await freeSibling(path, label, now);
  await copyFile(path, target, constants.COPYFILE_EXCL);
  // Callers replace or rewrite the original next: a power loss must not take the copy with it.
  // (Opened for writing: Windows cannot flush a handle opened read-only.)
  const copy = await open(target, 'r+');
  try {
    await copy.sync();
  } finally {
    await copy.close();
  }
  fsyncDirectory(dirname(target));
  return target;
}
