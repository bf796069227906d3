import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh, empty folder under the OS temp folder. */
export function makeTempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `taskdeck-${label}-`));
}

/** Removes a folder made by `makeTempDir`, with everything in it. */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}
