import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings.js';
import type { Problem } from '../../../shared/schemas/system.js';
import { describeIssues, toParamIssues } from '../../../shared/validation.js';
import type { TaskStore, TaskStoreData } from '../../core/ports/task-store.js';
import {
  fsyncDirectory,
  isErrnoException,
  PRIVATE_FILE_MODE,
  removeStaleTemps,
} from './atomic-file.js';
import { CoalescedWriter } from './coalesced-writer.js';
import { copyAside, moveAside } from './move-aside.js';
import { migrateTasksFile, readSchemaVersion } from './tasks-file-migrations.js';
import { TASKS_SCHEMA_VERSION, tasksFileSchema } from './tasks-file-schema.js';

/** The part of a `conf`-style store (conf, electron-store) this store uses. */
export interface JsonStore {
  /** The whole document; assigning it writes the file atomically. */
  store: Record<string, unknown>;
  readonly path: string;
}

/** Options passed to the store class; `name` is electron-store's spelling of `configName`. */
export interface JsonStoreOptions {
  cwd: string;
  configName: string;
  name: string;
  configFileMode: number;
}

/** A constructor compatible with conf's and electron-store's. */
export type JsonStoreClass = new (options: JsonStoreOptions) => JsonStore;

/** What `ConfTaskStore` needs: the store class (injected) and the data folder. */
export interface ConfTaskStoreOptions {
  Store: JsonStoreClass;
  cwd: string;
  /** Clock for the timestamps in moved-aside and backup file names. */
  now?: () => number;
}

const CONFIG_NAME = 'tasks';

/** Why a `tasks.json` cannot be used, said so a person can act on it. */
class CorruptTasksFile extends Error {}

function emptyData(): TaskStoreData {
  return { tasks: [], settings: { ...DEFAULT_SETTINGS } };
}

/**
 * TaskStore over `<cwd>/tasks.json` written through an injected conf-compatible class (conf in
 * headless and tests, electron-store in the app). The file is read and validated here with the
 * shared zod schemas, never by conf: a corrupt file is moved aside and reported, an old one is
 * backed up and migrated, a newer one is refused and never written.
 */
export class ConfTaskStore implements TaskStore {
  private readonly Store: JsonStoreClass;
  private readonly cwd: string;
  private readonly now: () => number;
  private readonly path: string;
  private store: JsonStore | null = null;
  private refusal: Error | null = null;
  private readonly writer = new CoalescedWriter<TaskStoreData>((data) => {
    this.write(data);
  });

  constructor(options: ConfTaskStoreOptions) {
    this.Store = options.Store;
    this.cwd = options.cwd;
    this.now = options.now ?? Date.now;
    this.path = join(options.cwd, `${CONFIG_NAME}.json`);
  }

  async load(): Promise<{ data: TaskStoreData; problems: Problem[] }> {
    await mkdir(this.cwd, { recursive: true });
    await removeStaleTemps(this.path);
    const problems: Problem[] = [];
    let data: TaskStoreData;
    let migrated = false;
    try {
      const read = await this.read();
      data = read.data;
      migrated = read.migrated;
    } catch (error) {
      if (!(error instanceof CorruptTasksFile)) throw error;
      const copy = await moveAside(this.path, 'corrupt', this.now());
      problems.push({
        code: 'tasks_file_corrupt',
        message: `${this.path} could not be used (${error.message}). It was moved to ${copy}; Taskdeck started with no tasks and default settings.`,
        path: copy,
      });
      data = emptyData();
    }
    this.refusal = null;
    this.store = new this.Store({
      cwd: this.cwd,
      configName: CONFIG_NAME,
      name: CONFIG_NAME,
      configFileMode: PRIVATE_FILE_MODE,
    });
    if (migrated) this.write(data);
    return { data, problems };
  }

  save(data: TaskStoreData): Promise<void> {
    if (this.refusal !== null) return Promise.reject(this.refusal);
    if (this.store === null) {
      return Promise.reject(new Error('ConfTaskStore.save was called before load()'));
    }
    return this.writer.submit(data);
  }

  private write(data: TaskStoreData): void {
    if (this.store === null) throw new Error('ConfTaskStore is not loaded');
    this.store.store = {
      schemaVersion: TASKS_SCHEMA_VERSION,
      tasks: data.tasks,
      settings: data.settings,
    };
    // conf syncs the file before its rename; syncing the folder makes the rename durable too.
    fsyncDirectory(this.cwd);
  }

  /** Reads, migrates and validates the file; throws CorruptTasksFile for anything unusable. */
  private async read(): Promise<{ data: TaskStoreData; migrated: boolean }> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (isErrnoException(error) && error.code === 'ENOENT') {
        return { data: emptyData(), migrated: false };
      }
      if (isErrnoException(error) && error.code === 'EISDIR') {
        throw new CorruptTasksFile('a directory stands where the file should be');
      }
      throw error;
    }
    if (text.trim() === '') throw new CorruptTasksFile('the file is empty');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new CorruptTasksFile(`not valid JSON: ${(error as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new CorruptTasksFile('the file does not hold a JSON object');
    }
    const document = parsed as Record<string, unknown>;
    const version = readSchemaVersion(document);
    if (version === null) {
      throw new CorruptTasksFile('the file has no schemaVersion; it is not a Taskdeck tasks file');
    }
    if (version > TASKS_SCHEMA_VERSION) {
      this.refusal = new Error(
        `${this.path} was written by a newer Taskdeck (format version ${version}; this one reads up to ${TASKS_SCHEMA_VERSION}). It must not be overwritten: update Taskdeck, or move the file away to start without it.`,
      );
      throw this.refusal;
    }
    const migrated = version < TASKS_SCHEMA_VERSION;
    if (migrated) await copyAside(this.path, `v${version}-backup`, this.now());
    const result = tasksFileSchema.safeParse(
      migrated ? migrateTasksFile(document, version) : document,
    );
    if (!result.success) {
      throw new CorruptTasksFile(
        `invalid content: ${describeIssues(toParamIssues(result.error)).slice(0, 500)}`,
      );
    }
    return {
      data: { tasks: result.data.tasks, settings: result.data.settings },
      migrated,
    };
  }
}
