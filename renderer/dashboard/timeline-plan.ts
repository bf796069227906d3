import type { DstPolicy, TaskView } from '../../shared/schemas/task.js';
import type { Trigger } from '../../shared/schemas/trigger.js';
import type { FirePreview } from '../store/app-state.js';
import { taskValues } from '../store/task-values.js';

/** How far ahead the timeline looks. */
export const TIMELINE_SPAN_MS = 24 * 60 * 60 * 1_000;
/** Fires asked for per trigger (the most `triggers.preview` gives at once). */
export const PREVIEW_COUNT = 100;
/**
 * A preview is asked again after this long, so a long-lived window keeps a current plan even
 * where the system's zone or clock changed under it.
 */
export const PREVIEW_FRESH_MS = 10 * 60 * 1_000;

/** One trigger whose planned fires the timeline needs. */
export interface PreviewRequest {
  key: string;
  trigger: Trigger;
  dst: DstPolicy | undefined;
}

/** A task's planned fires inside the timeline's window. */
export interface TaskFires {
  /** Fire times (ms), ascending, each inside (start, end]. */
  fires: number[];
  /**
   * Where the plan stops being complete: fires go on from here to the window's end but were
   * not all asked for (a trigger firing more than PREVIEW_COUNT times a day). Null if complete.
   */
  denseFrom: number | null;
  /** True while some trigger's fires are still unknown. */
  loading: boolean;
}

/** The triggers that fire at times (events have no times to plan). */
export function timeTriggers(task: TaskView): Trigger[] {
  return task.triggers.filter((trigger) => trigger.type !== 'event');
}

/**
 * The cache key of a trigger's fires: the trigger as stored (an interval's start included) and
 * the daylight-saving policy; ten thousand tasks on one schedule share one entry.
 */
export function previewKey(trigger: Trigger, dst: DstPolicy | undefined): string {
  return JSON.stringify([trigger, dst ?? null]);
}

/** The preview requests of `tasks`' time triggers, each key once. */
export function previewRequests(tasks: readonly TaskView[]): PreviewRequest[] {
  const out = new Map<string, PreviewRequest>();
  for (const task of tasks) {
    for (const trigger of timeTriggers(task)) {
      const key = previewKey(trigger, task.dst);
      if (!out.has(key)) out.set(key, { key, trigger, dst: task.dst });
    }
  }
  return [...out.values()];
}

/** True when `preview` still tells every fire in the window that starts at `now`. */
export function previewCovers(preview: FirePreview | undefined, now: number): boolean {
  if (preview === undefined || preview.from > now || now - preview.from > PREVIEW_FRESH_MS)
    return false;
  const last = preview.fires.at(-1);
  return !preview.more || (last !== undefined && last >= now + TIMELINE_SPAN_MS);
}

const byNextRun = (a: TaskView, b: TaskView) =>
  (a.nextRunAt ?? '').localeCompare(b.nextRunAt ?? '') || a.name.localeCompare(b.name);

/**
 * The tasks due within the window from `now`, soonest first: enabled, not completed, with a
 * next run before the window ends. The task view's next run needs no preview, so ten thousand
 * tasks cost one pass (ISO times in one form compare as text) and only shown ones are previewed.
 */
export function tasksDueWithin(tasks: Iterable<TaskView>, now: number): TaskView[] {
  const end = new Date(now + TIMELINE_SPAN_MS).toISOString();
  const due: TaskView[] = [];
  for (const task of tasks) {
    if (!task.enabled || task.state === 'completed' || task.nextRunAt === null) continue;
    if (task.nextRunAt <= end) due.push(task);
  }
  return due.sort(byNextRun);
}

/**
 * `tasksDueWithin`, remembered: asked again with the same tasks object and start, it answers
 * with the same list (so every caller shares one pass, and selectors stay put).
 */
export function createDueTasksMemo(): (tasks: Record<string, TaskView>, now: number) => TaskView[] {
  let last: { tasks: Record<string, TaskView>; now: number; due: TaskView[] } | null = null;
  return (tasks, now) => {
    if (last?.tasks !== tasks || last.now !== now)
      last = { tasks, now, due: tasksDueWithin(taskValues(tasks), now) };
    return last.due;
  };
}

/**
 * A task's fires in (start, end] from its triggers' previews. The window starts on the minute
 * before now, so its end is kept: at 04:30:20, a fire at 04:30 tomorrow is within 24 hours.
 */
export function taskFires(
  task: TaskView,
  previews: Readonly<Record<string, FirePreview>>,
  start: number,
  end: number,
): TaskFires {
  const fires = new Set<number>();
  let denseFrom: number | null = null;
  let loading = false;
  for (const trigger of timeTriggers(task)) {
    const preview = previews[previewKey(trigger, task.dst)];
    if (preview === undefined) {
      loading = true;
      continue;
    }
    for (const fire of preview.fires) if (fire > start && fire <= end) fires.add(fire);
    const last = preview.fires.at(-1);
    if (preview.more && last !== undefined && last < end) {
      denseFrom = denseFrom === null ? Math.max(last, start) : Math.min(denseFrom, last);
    }
  }
  return { fires: [...fires].sort((a, b) => a - b), denseFrom, loading };
}

/** Hour marks for the axis: every `stepHours` on the local clock's whole hours after `start`. */
export function hourTicks(start: number, end: number, stepHours: number): number[] {
  const first = new Date(start);
  first.setMinutes(0, 0, 0);
  const ticks: number[] = [];
  for (let at = first.getTime(); at < end; at += 60 * 60 * 1_000) {
    if (at <= start) continue;
    if (new Date(at).getHours() % stepHours === 0) ticks.push(at);
  }
  return ticks;
}
