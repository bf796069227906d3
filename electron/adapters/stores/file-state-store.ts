import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Problem } from '../../../shared/schemas/system.js';
import type { SchedulerState, StateStore } from '../../core/ports/state-store.js';
import { isErrnoException, removeStaleTemps, writeFileAtomic } from './atomic-file.js';
import { CoalescedWriter } from './coalesced-writer.js';
import { moveAside } from './move-aside.js';

const stateFileSchema = z.strictObject({
  lastFires: z.record(z.string(), z.number()),
  heartbeat: z.number().nullable(),
});

/** Where `FileStateStore` keeps `state.json`. */
export interface FileStateStoreOptions {
  dir: string;
  /** Clock for the timestamp in a moved-aside file's name. */
  now?: () => number;
}

/**
 * StateStore over `<dir>/state.json` (`{lastFires, heartbeat}`), replaced atomically on each
 * save (temp file, fsync, rename). The file only drives catch-up after a restart, so a corrupt
 * one loads as empty state; it is still moved aside, never deleted, and listed by `problems()`.
 */
export class FileStateStore implements StateStore {
  private readonly dir: string;
  private readonly path: string;
  private readonly now: () => number;
  private readonly found: Problem[] = [];
  private readonly writer = new CoalescedWriter<SchedulerState>(async (state) => {
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.path, JSON.stringify(state));
  });

  constructor(options: FileStateStoreOptions) {
    this.dir = options.dir;
    this.path = join(options.dir, 'state.json');
    this.now = options.now ?? Date.now;
  }

  /** What loading found wrong (a corrupt file moved aside), for `system.problems`. */
  problems(): Problem[] {
    return [...this.found];
  }

  async load(): Promise<SchedulerState> {
    await removeStaleTemps(this.path);
    let reason: string;
    try {
      const text = await readFile(this.path, 'utf8');
      const result = stateFileSchema.safeParse(parseJson(text));
      if (result.success) return result.data;
      reason = text.trim() === '' ? 'the file is empty' : 'not a valid state file';
    } catch (error) {
      if (isErrnoException(error) && error.code === 'ENOENT') return emptyState();
      if (!(isErrnoException(error) && error.code === 'EISDIR')) throw error;
      reason = 'a directory stands where the file should be';
    }
    const copy = await moveAside(this.path, 'corrupt', this.now());
    this.found.push({
      code: 'state_file_corrupt',
      message: `${this.path} could not be used (${reason}). It was moved to ${copy}; runs missed while Taskdeck was not running may not be caught up this time.`,
      path: copy,
    });
    return emptyState();
  }

  save(state: SchedulerState): Promise<void> {
    return this.writer.submit(state);
  }
}

function emptyState(): SchedulerState {
  return { lastFires: {}, heartbeat: null };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
