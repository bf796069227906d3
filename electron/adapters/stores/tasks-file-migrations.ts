/** One step of `tasks.json` migration: a pure function from version `from` to `from + 1`. */
export interface TasksFileMigration {
  from: number;
  migrate: (document: Record<string, unknown>) => Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Seconds to milliseconds; anything but a number is left as it is for validation to name. */
function secondsToMs(value: unknown): unknown {
  return typeof value === 'number' ? Math.round(value * 1000) : value;
}

function migrateV1Task(task: unknown): unknown {
  if (!isRecord(task)) return task;
  const { timeoutSeconds, retry, ...rest } = task;
  const out: Record<string, unknown> = { ...rest };
  if ('timeoutSeconds' in task) out['timeoutMs'] = secondsToMs(timeoutSeconds);
  if (isRecord(retry)) {
    const { delaySeconds, ...retryRest } = retry;
    out['retry'] =
      'delaySeconds' in retry ? { ...retryRest, delayMs: secondsToMs(delaySeconds) } : retry;
  } else if ('retry' in task) {
    out['retry'] = retry;
  }
  return out;
}

/**
 * v1 (the first release): `{version: 1, tasks, preferences}`, tasks with `timeoutSeconds` and
 * `retry.delaySeconds`. v2: `{schemaVersion: 2, tasks, settings}` in milliseconds. Keys this
 * step does not know are carried over, so validation reports them instead of dropping them.
 */
const v1ToV2: TasksFileMigration = {
  from: 1,
  migrate: (document) => {
    const { tasks, preferences } = document;
    const rest = Object.entries(document).filter(
      ([key]) => key !== 'version' && key !== 'tasks' && key !== 'preferences',
    );
    return {
      ...Object.fromEntries(rest),
      schemaVersion: 2,
      tasks: Array.isArray(tasks) ? tasks.map(migrateV1Task) : tasks,
      settings: preferences ?? {},
    };
  },
};

/** Every migration, in order; the last one produces the current version. */
export const TASKS_FILE_MIGRATIONS: readonly TasksFileMigration[] = [v1ToV2];

/**
 * The format version of a parsed `tasks.json`: `schemaVersion` from v2 on, `version: 1` for
 * the first release; null when the document carries neither (it is not a tasks file).
 */
export function readSchemaVersion(document: Record<string, unknown>): number | null {
  if ('schemaVersion' in document) {
    const version = document['schemaVersion'];
    return typeof version === 'number' && Number.isInteger(version) && version >= 1
      ? version
      : null;
  }
  return document['version'] === 1 ? 1 : null;
}

/** Runs the migrations from `version` up to the current version. */
export function migrateTasksFile(
  document: Record<string, unknown>,
  version: number,
): Record<string, unknown> {
  let current = document;
  for (const step of TASKS_FILE_MIGRATIONS) {
    if (step.from >= version) current = step.migrate(current);
  }
  return current;
}
