import type { TaskState, TaskView } from '../../shared/schemas/task.js';
import type { AppState, SortKey } from './app-state.js';

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

/** True when every word of the search occurs in the task's name, description, command or tags. */
export function matchesSearch(task: TaskView, query: string): boolean {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 0);
  if (words.length === 0) return true;
  const text = haystack(task);
  return words.every((word) => text.includes(word));
}

const timeOf = (iso: string | null | undefined) => (iso == null ? null : Date.parse(iso));

/** Orders by `key`; missing times sort last whichever the direction. Ties go by name, then id. */
function compare(key: SortKey, descending: boolean): (a: TaskView, b: TaskView) => number {
  const byName = (a: TaskView, b: TaskView) =>
    collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);
  const sign = descending ? -1 : 1;
  const byNullable = (pick: (task: TaskView) => number | null) => (a: TaskView, b: TaskView) => {
    const x = pick(a);
    const y = pick(b);
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return sign * (x - y) || byName(a, b);
  };
  switch (key) {
    case 'name':
      return (a, b) => sign * byName(a, b);
    case 'state':
      return (a, b) => sign * (STATE_ORDER[a.state] - STATE_ORDER[b.state]) || byName(a, b);
    case 'nextRun':
      return byNullable((task) => timeOf(task.nextRunAt));
    case 'lastRun':
      return byNullable((task) => timeOf(task.lastExecution?.startedAt));
  }
}

/** The ids of the tasks the list shows, in order. */
export function visibleTaskIds(tasks: Record<string, TaskView>, query: TaskQuery): string[] {
  const shown: TaskView[] = [];
  for (const task of Object.values(tasks)) {
    if (query.state !== null && task.state !== query.state) continue;
    if (query.tag !== null && !task.tags.includes(query.tag)) continue;
    if (!matchesSearch(task, query.query)) continue;
    shown.push(task);
  }
  shown.sort(compare(query.sort.key, query.sort.descending));
  return shown.map((task) => task.id);
}

/** Every tag in use, sorted. */
export function allTags(tasks: Record<string, TaskView>): string[] {
  const tags = new Set<string>();
  for (const task of Object.values(tasks)) for (const tag of task.tags) tags.add(tag);
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
