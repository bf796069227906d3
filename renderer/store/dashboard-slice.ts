import type { TaskdeckApi } from '../../shared/api.js';
import { TaskdeckError } from '../../shared/errors.js';
import type { StatsSummary } from '../../shared/schemas/stats.js';
import type { TaskView } from '../../shared/schemas/task.js';
import {
  problemKey,
  readDismissed,
  writeDismissed,
  type KeyValueStorage,
} from '../dashboard/dismissed-problems.js';
import {
  PREVIEW_COUNT,
  PREVIEW_FRESH_MS,
  previewCovers,
  previewRequests,
} from '../dashboard/timeline-plan.js';
import type { AppState, DashboardSlice, FirePreview, OutcomeWindow } from './app-state.js';
import { messageOf } from './slice.js';
import type { StateCreator } from 'zustand/vanilla';

const DAY_MS = 24 * 60 * 60 * 1_000;
/** Previews asked at once: enough to fill a timeline quickly, few enough not to crowd out clicks. */
const PREVIEWS_AT_ONCE = 6;
/**
 * Queue reloads are at least this far apart: a busy scheduler changes many times a second, and
 * positions a fraction of a second old read the same to a person.
 */
export const QUEUE_RELOAD_GAP_MS = 500;
/** Failed runs the dashboard lists. */
export const RECENT_FAILURES = 5;

const HOUR_MS = 3_600_000;

/** `stats.summary` counts whole hours over the last eight days: the hour holding `since` counts whole. */
function countedFrom(since: number): number {
  return Math.floor(since / HOUR_MS) * HOUR_MS;
}

/**
 * The dashboard: success and failure over the last day and week, recent failures, the planned
 * fires of the next 24 hours (previews cached per trigger), queue positions kept current, and
 * problems the person dismissed (kept in `storage`).
 */
export function dashboardSlice(
  api: TaskdeckApi,
  storage: KeyValueStorage | null,
): StateCreator<AppState, [], [], DashboardSlice> {
  return (set, get) => {
    let queueLoading: Promise<void> | null = null;
    let queueRequests = 0;
    const previewsInFlight = new Set<string>();

    async function outcomeWindow(now: number, days: number): Promise<OutcomeWindow> {
      const since = now - days * DAY_MS;
      const summary: StatsSummary = await api.call('stats.summary', {
        since: new Date(since).toISOString(),
      });
      return { summary, countedFrom: countedFrom(since) };
    }

    return {
      outcomes: null,
      outcomesError: null,
      recentFailures: null,
      previews: {},
      dismissedProblems: readDismissed(storage),

      async loadOutcomes() {
        const now = Date.now();
        try {
          const [day, week, failures] = await Promise.all([
            outcomeWindow(now, 1),
            outcomeWindow(now, 7),
            api.call('executions.list', {
              status: ['failed', 'timed-out'],
              limit: RECENT_FAILURES,
            }),
          ]);
          set({ outcomes: { day, week }, outcomesError: null, recentFailures: failures.items });
        } catch (error) {
          set({ outcomesError: messageOf(error) });
        }
      },

      refreshQueue() {
        // One reload at a time; requests meanwhile are served by one more reload, a little later.
        queueRequests++;
        queueLoading ??= (async () => {
          let served = 0;
          while (served !== queueRequests) {
            if (served !== 0)
              await new Promise((resolve) => setTimeout(resolve, QUEUE_RELOAD_GAP_MS));
            served = queueRequests;
            try {
              const queued = await api.call('tasks.list', { state: 'queued' });
              set((state) => {
                const tasks = { ...state.tasks };
                for (const task of queued) if (tasks[task.id] !== undefined) tasks[task.id] = task;
                return { tasks };
              });
            } catch {
              // The link is down or Taskdeck is busy: positions refresh with the next change.
            }
          }
          queueLoading = null;
        })();
        return queueLoading;
      },

      async loadPreviews(tasks: readonly TaskView[], now: number) {
        const wanted = previewRequests(tasks).filter(
          (request) =>
            !previewsInFlight.has(request.key) && !previewCovers(get().previews[request.key], now),
        );
        if (wanted.length === 0) return;
        for (const request of wanted) previewsInFlight.add(request.key);
        const from = new Date(now).toISOString();
        try {
          for (let at = 0; at < wanted.length; at += PREVIEWS_AT_ONCE) {
            const batch = wanted.slice(at, at + PREVIEWS_AT_ONCE);
            const answers = await Promise.allSettled(
              batch.map((request) =>
                api.call('triggers.preview', {
                  trigger: request.trigger,
                  from,
                  count: PREVIEW_COUNT,
                  ...(request.dst === undefined ? {} : { dst: request.dst }),
                }),
              ),
            );
            set((state) => {
              // Entries nobody asked for in a while go, so the cache stays the size of the view.
              const previews: Record<string, FirePreview> = {};
              for (const [key, preview] of Object.entries(state.previews))
                if (now - preview.from <= 3 * PREVIEW_FRESH_MS) previews[key] = preview;
              answers.forEach((answer, index) => {
                const request = batch[index];
                if (request === undefined) return;
                // A trigger the service refuses to plan shows no fires rather than loading for
                // ever; any other failure (the link is down) is asked again next time.
                const refused =
                  answer.status === 'rejected' &&
                  answer.reason instanceof TaskdeckError &&
                  answer.reason.code === 'invalid_params';
                if (answer.status === 'rejected' && !refused) return;
                const next = answer.status === 'fulfilled' ? answer.value.next : [];
                previews[request.key] = {
                  from: now,
                  fires: next.map((iso) => Date.parse(iso)),
                  more: next.length >= PREVIEW_COUNT,
                };
              });
              return { previews };
            });
          }
        } finally {
          for (const request of wanted) previewsInFlight.delete(request.key);
        }
      },

      dismissProblem(problem) {
        const key = problemKey(problem);
        const dismissed = [...get().dismissedProblems.filter((known) => known !== key), key];
        writeDismissed(storage, dismissed);
        set({ dismissedProblems: dismissed });
      },
    };
  };
}
