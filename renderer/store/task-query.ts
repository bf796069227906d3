import type { TaskState, TaskView } from '../../shared/schemas/task.js';
import type { AppState, SortKey } from './app-state.js';
import { taskValues } from './task-values.js';

/** What the task list shows: a search, filters and an order. */
export interface TaskQuery {
  query: string;
  state: TaskState | null;
  tag: string | null;
  sort: { key: SortKey; descending: boolean };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const STATE_ORDER: Record<TaskState, number> = {
  running: 0,
  queued: 1,
  idle: 2,
  paused: 3,
  completed: 4,
};

// Task views are replaced, never changed, so each one's search text is built once.
const haystacks = new WeakMap<TaskView, string>();

function haystack(task: TaskView): string {
  let text = haystacks.get(task);
  if (text === undefined) {
    const action = task.action.command ?? task.action.argv?.join(' ') ?? '';
    text = [task.name, task.description, action, ...task.tags].join('\n').toLowerCase();
    haystacks.set(task, text);
  }
  return text;
}

/** The words of a search, lower-cased; none for a blank one. */
function searchWords(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 0);
}

function matchesWords(task: TaskView, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = haystack(task);
  return words.every((word) => text.includes(word));
}

/** True when every word of the search occurs in the task's name, description, command or tags. */
export function matchesSearch(task: TaskView, query: string): boolean {
  return matchesWords(task, searchWords(query));
}

const byName = (a: TaskView, b: TaskView) =>
  collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);

const timeOf = (iso: string | null | undefined) => (iso == null ? null : Date.parse(iso));

/** What a task sorts by under `key` (other than its name); null sorts last. */
function sortValue(key: Exclude<SortKey, 'name'>, task: TaskView): number | null {
  switch (key) {
    case 'state':
      return STATE_ORDER[task.state];
    case 'nextRun':
      return timeOf(task.nextRunAt);
    case 'lastRun':
      return timeOf(task.lastExecution?.startedAt);
  }
}

/**
 * `tasks` (an array of its own: it may be reordered) in order of `key`; missing times sort last
 * whichever the direction. Ties go by name, then id.
 */
function sortTasks(tasks: TaskView[], { key, descending }: TaskQuery['sort']): TaskView[] {
  const sign = descending ? -1 : 1;
  if (key === 'name') return tasks.sort((a, b) => sign * byName(a, b));
  // Each task's value is read once, not twice per comparison: sorting 10,000 tasks by next run
  // parsed a date 240,000 times.
  const keyed = tasks.map((task) => ({ task, value: sortValue(key, task) }));
  keyed.sort((a, b) => {
    const x = a.value;
    const y = b.value;
    if (x === null || y === null) return x === y ? byName(a.task, b.task) : x === null ? 1 : -1;
    return sign * (x - y) || byName(a.task, b.task);
  });
  return keyed.map((entry) => entry.task);
}

/** The ids of the tasks the list shows, in order. */
export function visibleTaskIds(tasks: Record<string, TaskView>, query: TaskQuery): string[] {
  const words = searchWords(query.query);
  const shown = taskValues(tasks).filter(
    (task) =>
      (query.state === null || task.state === query.state) &&
      (query.tag === null || task.tags.includes(query.tag)) &&
      matchesWords(task, words),
  );
  return sortTasks(shown, query.sort).map((task) => task.id);
}

/** Every tag in use, sorted. */
export function allTags(tasks: Record<string, TaskView>): string[] {
  const tags = new Set<string>();
  for (const task of taskValues(tasks)) for (const tag of task.tags) tags.add(tag);
  return [...tags].sort(collator.compare);
}

/**
 * A selector for the list's ids, recomputed only when the tasks or the query change (a log
 * line arriving must not re-sort ten thousand tasks). Each caller gets its own memo.
 */
export function createVisibleTaskIdsSelector(): (state: AppState) => string[] {
  let last: { tasks: AppState['tasks']; query: TaskQuery; ids: string[] } | null = null;
  return (state) => {
    const query: TaskQuery = {
      query: state.query,
      state: state.stateFilter,
      tag: state.tagFilter,
      sort: state.sort,
    };
    if (
      last !== null &&
      last.tasks === state.tasks &&
      last.query.query === query.query &&
      last.query.state === query.state &&
      last.query.tag === query.tag &&
      last.query.sort === query.sort
    ) {
      return last.ids;
    }
    const ids = visibleTaskIds(state.tasks, query);
    last = { tasks: state.tasks, query, ids };
    return ids;
  };
}

/** The tags selector, memoised on the tasks object. */
export function createAllTagsSelector(): (state: AppState) => string[] {
  let last: { tasks: AppState['tasks']; tags: string[] } | null = null;
  return (state) => {
    if (last?.tasks !== state.tasks) last = { tasks: state.tasks, tags: allTags(state.tasks) };
    return last.tags;
  };
}
