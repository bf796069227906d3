import { readFileSync, writeFileSync } from 'node:fs';
import type { JsonRpcClient } from '../../shared/json-rpc-client.js';
import type { Execution } from '../../shared/schemas/execution.js';
import type { TaskView } from '../../shared/schemas/task.js';
import { TaskdeckError } from '../../shared/errors.js';
import { formatTable, shortDuration, shortTime } from './table.js';
import { UsageError } from './usage-error.js';

/** Output for a person or (with --json) for a script. */
export interface Out {
  json: boolean;
  print(text: string): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID_START = /^[0-9a-f-]+$/i;

/**
 * Finds a task by its id, its exact name (names are what people type) or the start of its id
 * (`list` shows the first eight characters), in that order: a task named "cafe" is found by
 * its name even though ids may start with those letters. More than one match is a usage
 * error: the person must say which.
 */
export async function resolveTask(
  api: JsonRpcClient,
  idOrName: string | undefined,
): Promise<TaskView> {
  if (idOrName === undefined || idOrName === '')
    throw new UsageError('Name the task (its id, the start of its id, or its exact name)');
  if (UUID.test(idOrName)) return api.call('tasks.get', { id: idOrName });
  const tasks = await api.call('tasks.list');
  const named = tasks.filter((task) => task.name === idOrName);
  if (named.length > 1) {
    throw new UsageError(
      `${named.length} tasks are named "${idOrName}"; use the id (taskdeck list)`,
    );
  }
  const canBeId = ID_START.test(idOrName);
  const start = idOrName.toLowerCase();
  const matches =
    named.length === 1 || !canBeId ? named : tasks.filter((task) => task.id.startsWith(start));
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  if (matches.length === 0) {
    throw new TaskdeckError(
      'not_found',
      canBeId
        ? `No task named "${idOrName}" or with an id starting "${idOrName}"`
        : `No task named "${idOrName}"`,
    );
  }
  throw new UsageError(
    `"${idOrName}" is the start of ${matches.length} task ids; type more of it (taskdeck list)`,
  );
}

/**
 * What `run` did: a run that could not start yet (its task's previous run is still going, every
 * slot is busy, a condition holds it, all tasks are paused) is queued, not started; with overlap
 * "queue" a second request joins the one already waiting, under that one's id.
 */
async function runReport(api: JsonRpcClient, task: TaskView, executionId: string): Promise<string> {
  const execution = await api.call('executions.get', { id: executionId });
  if (execution.status !== 'queued') return `Started "${task.name}" (execution ${executionId})`;
  const view = await api.call('tasks.get', { id: task.id });
  const why =
    view.heldBy ??
    (view.queuePosition === null ? null : `number ${view.queuePosition} in the queue`);
  return `Queued "${task.name}" (execution ${executionId})${why === null ? '' : `: ${why}`}`;
}

function taskRows(tasks: TaskView[]): string {
  return formatTable(
    ['ID', 'NAME', 'STATE', 'NEXT RUN', 'LAST', 'TAGS'],
    tasks.map((task) => [
      task.id.slice(0, 8),
      task.name,
      task.state,
      shortTime(task.nextRunAt),
      task.lastExecution?.status ?? '-',
      task.tags.join(','),
    ]),
  );
}

function executionRows(items: Execution[]): string {
  return formatTable(
    ['EXECUTION', 'TASK', 'STATUS', 'STARTED', 'DURATION', 'EXIT', 'TRIGGER'],
    items.map((e) => [
      e.id.slice(0, 8),
      e.taskName,
      e.status,
      shortTime(e.startedAt ?? e.queuedAt),
      shortDuration(e.durationMs),
      e.exitCode === null ? '-' : String(e.exitCode),
      e.trigger.type,
    ]),
  );
}

function readDocument(path: string): unknown {
  const text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`${path === '-' ? 'Standard input' : path} is not valid JSON`);
  }
}

/** Builds a task document from `add`'s flags (for people who do not want to write JSON). */
function documentFromFlags(
  flags: Record<string, string | boolean | undefined>,
): Record<string, unknown> {
  const name = flags.name;
  const command = flags.command;
  if (typeof name !== 'string' || typeof command !== 'string') {
    throw new UsageError(
      'add needs a JSON file (taskdeck add task.json) or --name and --command with --every, --cron or --at',
    );
  }
  const triggers: Record<string, unknown>[] = [];
  if (typeof flags.every === 'string')
    triggers.push({ type: 'interval', everyMs: parseDuration(flags.every) });
  if (typeof flags.cron === 'string') {
    triggers.push({
      type: 'cron',
      expression: flags.cron,
      ...(typeof flags.tz === 'string' ? { timezone: flags.tz } : {}),
    });
  }
  if (typeof flags.at === 'string') triggers.push({ type: 'once', at: flags.at });
  if (triggers.length === 0) triggers.push({ type: 'event', event: 'manual' });
  return { name, triggers, action: { type: 'command', command } };
}

/** `90s`, `5m`, `2h`, `1d` or plain milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (match === null)
    throw new UsageError(`"${text}" is not a duration; use e.g. 90s, 5m, 2h or 1d`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? 'ms'] ?? 1;
  return Math.round(Number(match[1]) * unit);
}

/** Runs one command against a connected Taskdeck. */
export async function runRemote(
  api: JsonRpcClient,
  command: string,
  positionals: string[],
  flags: Record<string, string | boolean | undefined>,
  out: Out,
): Promise<void> {
  const emit = (value: unknown, human: string) => {
    out.print(out.json ? JSON.stringify(value, null, 2) : human);
  };
  switch (command) {
    case 'list': {
      const tasks = await api.call('tasks.list', {
        ...(typeof flags.tag === 'string' ? { tag: flags.tag } : {}),
        ...(typeof flags.state === 'string' ? { state: flags.state as TaskView['state'] } : {}),
      });
      emit(tasks, tasks.length === 0 ? 'No tasks.' : taskRows(tasks));
      return;
    }
    case 'add': {
      const source = positionals[0];
      const document = source !== undefined ? readDocument(source) : documentFromFlags(flags);
      const task = await api.call('tasks.create', document as never);
      emit(
        task,
        `Added "${task.name}" (${task.id})${task.nextRunAt === null ? '' : `, next run ${shortTime(task.nextRunAt)}`}`,
      );
      return;
    }
    case 'run': {
      const task = await resolveTask(api, positionals[0]);
      const result = await api.call('tasks.runNow', { id: task.id });
      // The report asks the host twice more: only for a person reading it, not for --json.
      if (out.json) emit(result, '');
      else emit(result, await runReport(api, task, result.executionId));
      return;
    }
    case 'pause':
    case 'resume': {
      const task = await resolveTask(api, positionals[0]);
      const view = await api.call(command === 'pause' ? 'tasks.pause' : 'tasks.resume', {
        id: task.id,
      });
      emit(view, `${command === 'pause' ? 'Paused' : 'Resumed'} "${view.name}"`);
      return;
    }
    case 'remove': {
      const task = await resolveTask(api, positionals[0]);
      const result = await api.call('tasks.remove', { id: task.id });
      emit(result, `Removed "${task.name}" and its history`);
      return;
    }
    case 'history': {
      const task =
        positionals[0] === undefined ? undefined : await resolveTask(api, positionals[0]);
      const limitText = typeof flags.limit === 'string' ? flags.limit : '20';
      const limit = Number(limitText);
      if (!/^\d+$/.test(limitText) || limit < 1 || limit > 500)
        throw new UsageError(`--limit is a whole number from 1 to 500; got "${limitText}"`);
      const page = await api.call('executions.list', {
        limit,
        ...(task === undefined ? {} : { taskId: task.id }),
        ...(typeof flags.status === 'string'
          ? { status: flags.status as Execution['status'] }
          : {}),
      });
      emit(page, page.items.length === 0 ? 'No executions yet.' : executionRows(page.items));
      return;
    }
    case 'export': {
      const document = await api.call('tasks.export');
      const text = `${JSON.stringify(document, null, 2)}\n`;
      if (typeof flags.out === 'string') {
        writeFileSync(flags.out, text, { mode: 0o600 });
        out.print(
          out.json
            ? JSON.stringify({ written: flags.out, tasks: document.tasks.length })
            : `Exported ${document.tasks.length} tasks to ${flags.out}`,
        );
      } else {
        out.print(text.trimEnd());
      }
      return;
    }
    case 'import': {
      const source = positionals[0];
      if (source === undefined)
        throw new UsageError('import needs a file (or - for standard input)');
      const mode = flags.mode === 'replace' ? 'replace' : 'merge';
      if (flags.mode !== undefined && flags.mode !== 'merge' && flags.mode !== 'replace') {
        throw new UsageError('--mode is merge or replace');
      }
      const result = await api.call('tasks.import', {
        document: readDocument(source) as never,
        mode,
      });
      emit(result, `Imported ${result.imported} tasks (${mode})`);
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}"; see taskdeck --help`);
  }
}
