import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Owner read/write only: stored files may hold secrets (DESIGN.md "Secrets"). */
export const PRIVATE_FILE_MODE = 0o600;

/** The infix every temporary file written here (and by conf's `atomically`) carries. */
const TEMP_INFIX = '.tmp-';

/**
 * Makes a directory's entries (a rename, a new file) durable. Best effort: some platforms
 * (Windows) cannot open a directory for syncing, and there a rename is as durable as it gets.
 */
export function fsyncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Directory fsync is unsupported here; the file itself was synced before the rename.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Replaces `path` with `data` atomically: writes a temporary file in the same folder, syncs
 * it, renames it over `path` and syncs the folder. A crash leaves either the old or the new
 * content, never a mix (at worst a stray temporary file, which `removeStaleTemps` deletes).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}${TEMP_INFIX}${process.pid}-${randomBytes(6).toString('hex')}`;
  const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  fsyncDirectory(dirname(path));
}

/**
 * Deletes temporary files a killed process left beside `path` (`<name>.tmp-…`). They never
 * hold acknowledged data: a write is acknowledged only after its rename.
 */
export async function removeStaleTemps(path: string): Promise<void> {
  const prefix = `${basename(path)}${TEMP_INFIX}`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return;
    throw error;
  }
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix))
      .map((name) => rm(join(dirname(path), name), { force: true })),
  );
}

/** Whether `error` is a Node system error with a `code` (ENOENT, EISDIR, …). */
export function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
