import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionStatus } from '../../../shared/schemas/execution.js';
import type { ExecutionRecord } from '../../../electron/core/execution-record.js';
import type { HistoryQuery, HistoryStore } from '../../../electron/core/ports/history-store.js';
import { DAY_MS, T0, ended, listed, run, seededRandom, started, traceEntry } from './records.js';

/** One implementation under test: an unopened store, a way to reopen it, and cleanup. */
export interface HistoryHarness {
  store: HistoryStore;
  /** Closes the current store and gives one over the same storage (not yet opened). */
  reopen(): Promise<HistoryStore>;
  cleanup(): Promise<void>;
}

/** Every page of a query, following `nextCursor` to the end. */
export async function listAll(
  store: HistoryStore,
  query: Omit<HistoryQuery, 'cursor'>,
): Promise<{ items: ExecutionRecord[]; pages: number }> {
  const items: ExecutionRecord[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await store.list({ ...query, ...(cursor === null ? {} : { cursor }) });
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
    if (pages > 10_000) throw new Error('cursor does not advance');
  } while (cursor !== null);
  return { items, pages };
}

const ids = (records: readonly ExecutionRecord[]) => records.map((r) => r.id);

/** Nearest-rank percentile of `values`. */
function exactPercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] ?? NaN;
}

/** The HistoryStore port's contract, run against every implementation. */
export function describeHistoryStoreContract(
  name: string,
  create: () => Promise<HistoryHarness>,
): void {
  describe(`HistoryStore contract: ${name}`, () => {
    let harness: HistoryHarness;
    let store: HistoryStore;
    const A = randomUUID();
    const B = randomUUID();
    const C = randomUUID();

    beforeEach(async () => {
      harness = await create();
      store = harness.store;
      await store.open();
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    async function reopen() {
      store = await harness.reopen();
      return store.open();
    }

    /** Records `count` runs of the tasks in turn, a minute apart; returns them in order. */
    function recordRuns(count: number, tasks = [A, B, C]): ExecutionRecord[] {
      const statuses: ExecutionStatus[] = ['succeeded', 'failed', 'succeeded', 'timed-out'];
      const out: ExecutionRecord[] = [];
      for (let i = 0; i < count; i++) {
        const taskId = tasks[i % tasks.length] ?? A;
        const start = started(taskId, T0 + i * 60_000);
        store.recordStart(start);
        const end = ended(start, statuses[i % statuses.length] ?? 'succeeded', 1_000 + i);
        store.recordEnd(end);
        out.push(end);
      }
      return out;
    }

    it('round-trips an ended execution: get has output and samples, list leaves them out', async () => {
      const start = started(A, T0);
      store.recordStart(start);
      const end = ended(start, 'failed', 2_500);
      store.recordEnd(end);
      await store.flush();

      expect(await store.get(end.id)).toEqual(end);
      expect(await store.list({ limit: 10 })).toEqual({ items: [listed(end)], nextCursor: null });
      expect(await store.get(randomUUID())).toBeNull();
    });

    it('lists newest first, in pages joined by an opaque cursor', async () => {
      const recorded = recordRuns(250);
      await store.flush();

      const first = await store.list({ limit: 100 });
      expect(ids(first.items)).toEqual(ids(recorded.slice(-100).reverse()));
      expect(typeof first.nextCursor).toBe('string');
      const all = await listAll(store, { limit: 100 });
      expect(all.pages).toBe(3);
      expect(ids(all.items)).toEqual(ids([...recorded].reverse()));
      expect(all.items.every((item) => item.output.length === 0 && item.samples.length === 0)).toBe(
        true,
      );
    });

    it('filters by task and by statuses, paging within the filter', async () => {
      const recorded = recordRuns(120);
      await store.flush();
      const newestFirst = [...recorded].reverse();

      const ofB = await listAll(store, { taskId: B, limit: 7 });
      expect(ids(ofB.items)).toEqual(ids(newestFirst.filter((r) => r.taskId === B)));
      const failing = await listAll(store, { statuses: ['failed', 'timed-out'], limit: 9 });
      expect(ids(failing.items)).toEqual(
        ids(newestFirst.filter((r) => r.status === 'failed' || r.status === 'timed-out')),
      );
      const both = await listAll(store, { taskId: C, statuses: ['succeeded'], limit: 5 });
      expect(ids(both.items)).toEqual(
        ids(newestFirst.filter((r) => r.taskId === C && r.status === 'succeeded')),
      );
      expect((await store.list({ taskId: randomUUID(), limit: 5 })).items).toEqual([]);
      expect((await store.list({ statuses: ['skipped'], limit: 5 })).nextCursor).toBeNull();
    });

    it('selects by end time, since <= endedAt < until, alone or with task and statuses', async () => {
      const recorded = recordRuns(120);
      // Recorded last but ended first (a run that started long ago): log order still rules.
      const late = run(A, T0 - DAY_MS);
      store.recordEnd(late);
      await store.flush();
      const newestFirst = [late, ...[...recorded].reverse()];
      const endOf = (record: ExecutionRecord) => record.endedAt ?? NaN;
      const since = endOf(recorded[30]!);
      const until = endOf(recorded[90]!);
      const between = (record: ExecutionRecord) => endOf(record) >= since && endOf(record) < until;

      const window = await listAll(store, { since, until, limit: 7 });
      expect(window.items).toHaveLength(60);
      expect(ids(window.items)).toEqual(ids(newestFirst.filter(between)));
      expect(ids((await listAll(store, { since, limit: 50 })).items)).toEqual(
        ids(newestFirst.filter((r) => endOf(r) >= since)),
      );
      const before = (await listAll(store, { until, limit: 50 })).items;
      expect(ids(before)).toEqual(ids(newestFirst.filter((r) => endOf(r) < until)));
      expect(before[0]?.id).toBe(late.id);
      const narrowed = await listAll(store, {
        taskId: B,
        statuses: ['failed', 'timed-out'],
        since,
        until,
        limit: 3,
      });
      expect(ids(narrowed.items)).toEqual(
        ids(
          newestFirst.filter(
            (r) => between(r) && r.taskId === B && ['failed', 'timed-out'].includes(r.status),
          ),
        ),
      );
      expect(narrowed.items.length).toBeGreaterThan(3);
      // Bounds are exact: `since` is in, `until` is out.
      expect(ids((await store.list({ since: until, until: until + 1, limit: 5 })).items)).toEqual([
        recorded[90]!.id,
      ]);
      expect(await store.list({ since, until: since, limit: 5 })).toEqual({
        items: [],
        nextCursor: null,
      });
      expect(
        await store.list({ since: endOf(recorded.at(-1)!) + 1, statuses: ['failed'], limit: 5 }),
      ).toEqual({ items: [], nextCursor: null });
    });

    it('returns executions that started and never ended as unfinished at the next open', async () => {
      const running = started(A, T0);
      const finished = started(B, T0 + 10);
      store.recordStart(running);
      store.recordStart(finished);
      store.recordEnd(ended(finished, 'succeeded', 100));
      await store.flush();

      const { unfinished } = await reopen();

      expect(unfinished).toHaveLength(1);
      expect(unfinished[0]).toMatchObject({
        id: running.id,
        taskId: A,
        taskName: running.taskName,
        attempt: 1,
        firstExecutionId: running.id,
        source: 'cron',
        detail: '0 9 * * *',
        status: 'running',
        scheduledAt: running.scheduledAt,
        queuedAt: running.queuedAt,
        startedAt: T0,
        endedAt: null,
        pid: running.pid,
        pgid: running.pgid,
        startToken: running.startToken,
      });
      // Once the host records it as interrupted, it is no longer unfinished.
      store.recordEnd({ ...running, status: 'interrupted', endedAt: T0 + 5_000 });
      await store.flush();
      expect((await reopen()).unfinished).toEqual([]);
      expect((await store.get(running.id))?.status).toBe('interrupted');
    });

    it('keeps trace entries per task, newest first, up to the limit', async () => {
      for (let i = 0; i < 30; i++) {
        store.recordTrace(traceEntry(i % 2 === 0 ? A : B, T0 + i * 1_000));
      }
      await store.flush();
      const latest = await store.trace(A, 4);
      expect(latest.map((t) => t.t)).toEqual([28, 26, 24, 22].map((i) => T0 + i * 1_000));
      expect(latest[0]).toEqual(traceEntry(A, T0 + 28_000));
      expect(await store.trace(B, 100)).toHaveLength(15);
      expect(await store.trace(C, 10)).toEqual([]);
    });

    it('task figures read between runs follow every run that ends, and are the reader’s own', () => {
      store.recordEnd(run(A, T0, 'succeeded', 1_000));
      const first = store.taskStats(A);
      expect(first).toMatchObject({ runs: 1, succeeded: 1, successRate: 1 });
      first.runs = 99;
      expect(store.taskStats(A).runs).toBe(1);
      store.recordEnd(run(A, T0 + 60_000, 'failed', 3_000));
      const second = store.taskStats(A);
      expect(second).toMatchObject({ runs: 2, succeeded: 1, failed: 1, successRate: 0.5 });
      expect(second.p95DurationMs).toBeGreaterThan(first.p95DurationMs ?? Infinity);
    });

    it('keeps per-task figures: counts, success rate, p50/p95 within 5%, recent durations, last run', async () => {
      const random = seededRandom(7);
      const durations: number[] = [];
      const statuses: ExecutionStatus[] = [];
      let last: ExecutionRecord | null = null;
      for (let i = 0; i < 400; i++) {
        // Log-uniform between 10 ms and 10 minutes.
        const duration = Math.round(10 * Math.pow(60_000, random()));
        const status: ExecutionStatus =
          i % 10 === 0
            ? 'failed'
            : i % 25 === 0
              ? 'timed-out'
              : i % 40 === 1
                ? 'cancelled'
                : 'succeeded';
        last = run(A, T0 + i * 60_000, status, duration);
        store.recordEnd(last);
        statuses.push(status);
        if (status !== 'cancelled') durations.push(duration);
      }
      store.recordEnd(run(B, T0, 'skipped', 0));
      await store.flush();

      for (const round of ['before reopen', 'after reopen']) {
        const count = (s: ExecutionStatus) => statuses.filter((x) => x === s).length;
        const stats = store.taskStats(A);
        expect(stats, round).toMatchObject({
          runs: 400,
          succeeded: count('succeeded'),
          failed: count('failed') + count('timed-out'),
        });
        expect(stats.successRate).toBeCloseTo(
          count('succeeded') / (count('succeeded') + count('failed') + count('timed-out')),
          10,
        );
        for (const [p, got] of [
          [0.5, stats.p50DurationMs],
          [0.95, stats.p95DurationMs],
        ] as const) {
          const exact = exactPercentile(durations, p);
          expect(
            Math.abs((got ?? Infinity) - exact) / exact,
            `p${p * 100} ${round}`,
          ).toBeLessThanOrEqual(0.05);
        }
        expect(store.recentDurations(A, 5)).toEqual(durations.slice(-5));
        expect(store.recentDurations(A, 1_000)).toEqual(durations.slice(-50));
        expect(store.lastExecution(A)).toEqual(last === null ? null : listed(last));
        expect(store.taskStats(B)).toEqual({
          runs: 0,
          succeeded: 0,
          failed: 0,
          successRate: null,
          p50DurationMs: null,
          p95DurationMs: null,
        });
        expect(store.lastExecution(C)).toBeNull();
        expect(store.recentDurations(C, 10)).toEqual([]);
        await reopen();
      }
    });

    it('summarises over all tasks or one, by UTC day, and from `since` on (to the hour within eight days)', async () => {
      const day1 = Date.parse('2026-05-01T23:00:00Z');
      const day3 = Date.parse('2026-05-03T01:00:00Z');
      const records = [
        run(A, day1, 'succeeded', 1_000),
        run(A, day1 + 1, 'succeeded', 2_000),
        run(B, day1 + 2, 'failed', 3_000),
        // Ends after midnight UTC: counts on the day it ended.
        run(B, Date.parse('2026-05-01T23:59:59Z'), 'succeeded', 2_000),
        run(A, day3, 'timed-out', 10_000),
        run(B, day3, 'timed-out', 10_000),
        run(B, day3 + 1, 'cancelled', 500),
        ended(started(C, day3 + 2), 'succeeded', 4_000, {
          cpuAvgPercent: 52.5,
          cpuPeakPercent: 190,
          rssPeakBytes: 99_000_000,
        }),
      ];
      for (const record of records) store.recordEnd(record);
      await store.flush();

      const all = store.summary({});
      expect(all.byStatus).toEqual({
        queued: 0,
        running: 0,
        succeeded: 4,
        failed: 1,
        'timed-out': 2,
        cancelled: 1,
        skipped: 0,
        interrupted: 0,
      });
      expect(all.successRate).toBeCloseTo(4 / 7, 10);
      expect(all.daily).toEqual([
        { day: '2026-05-01', succeeded: 2, failed: 1 },
        { day: '2026-05-02', succeeded: 1, failed: 0 },
        { day: '2026-05-03', succeeded: 1, failed: 2 },
      ]);
      expect(all.durations.max).toBe(10_000);
      expect(all.cpu).toEqual({ avgPercent: (7 * 12.5 + 52.5) / 8, peakPercent: 190 });
      expect(all.rssPeakBytes).toBe(99_000_000);

      const sinceDay3 = store.summary({ since: Date.parse('2026-05-03T00:30:00Z') });
      expect(sinceDay3.byStatus).toMatchObject({
        succeeded: 1,
        'timed-out': 2,
        cancelled: 1,
        failed: 0,
      });
      expect(sinceDay3.successRate).toBeCloseTo(1 / 3, 10);
      expect(sinceDay3.daily).toEqual([{ day: '2026-05-03', succeeded: 1, failed: 2 }]);
      // Within the last eight days `since` counts to the hour: nothing ended after 02:00.
      const afterTwo = store.summary({ since: Date.parse('2026-05-03T02:00:00Z') });
      expect(afterTwo.byStatus).toMatchObject({
        succeeded: 0,
        failed: 0,
        'timed-out': 0,
        cancelled: 0,
      });
      expect(afterTwo.successRate).toBeNull();
      // The hour that contains `since` counts whole: 01:00..01:59 is in.
      expect(store.summary({ since: Date.parse('2026-05-03T01:59:00Z') }).byStatus).toMatchObject({
        succeeded: 1,
        'timed-out': 2,
      });

      const ofB = store.summary({ taskId: B });
      expect(ofB.byStatus).toMatchObject({ succeeded: 1, failed: 1, 'timed-out': 1, cancelled: 1 });
      expect(ofB.durations.max).toBe(10_000);
      const none = store.summary({ taskId: randomUUID() });
      expect(none).toMatchObject({ successRate: null, daily: [], rssPeakBytes: null });
      expect(none.durations).toEqual({ p50: null, p95: null, max: null });
    });

    it('prunes beyond each task keep count and older than maxAge, and says how many', async () => {
      const now = T0 + 100 * DAY_MS;
      const maxAgeMs = 30 * DAY_MS;
      const ofA = Array.from({ length: 10 }, (_, i) => run(A, now - DAY_MS + i * 1_000));
      const ofB = [
        run(B, now - 40 * DAY_MS),
        run(B, now - 31 * DAY_MS),
        ...Array.from({ length: 3 }, (_, i) => run(B, now - 2 * DAY_MS + i)),
      ];
      const ofC = Array.from({ length: 4 }, (_, i) => run(C, now - 3 * DAY_MS + i));
      for (const record of [...ofB, ...ofC, ...ofA]) store.recordEnd(record);
      store.recordTrace(traceEntry(A, now - 45 * DAY_MS));
      store.recordTrace(traceEntry(A, now - DAY_MS));
      await store.flush();

      const removed = await store.prune({
        keep: new Map([
          [A, 3],
          [B, 100],
        ]),
        maxAgeMs,
        now,
      });

      expect(removed).toBe(7 + 2);
      expect(ids((await listAll(store, { taskId: A, limit: 2 })).items)).toEqual(
        ids(ofA.slice(-3).reverse()),
      );
      expect(ids((await store.list({ taskId: B, limit: 10 })).items)).toEqual(
        ids(ofB.slice(2).reverse()),
      );
      expect((await store.list({ taskId: C, limit: 10 })).items).toHaveLength(4);
      expect(await store.get(ofA[0]?.id ?? '')).toBeNull();
      expect(await store.get(ofB[0]?.id ?? '')).toBeNull();
      expect(await store.trace(A, 10)).toEqual([traceEntry(A, now - DAY_MS)]);
      // Aggregates describe every run recorded; retention does not rewrite them.
      expect(store.taskStats(A).runs).toBe(10);
      await reopen();
      expect((await listAll(store, { limit: 4 })).items).toHaveLength(3 + 3 + 4);
      expect(
        await store.prune({
          keep: new Map([
            [A, 3],
            [B, 100],
          ]),
          maxAgeMs,
          now,
        }),
      ).toBe(0);
    });

    it('removeTask forgets the task history and figures; runs it starts later are kept', async () => {
      const runningBefore = started(A, T0);
      store.recordStart(runningBefore);
      const endedBefore = run(A, T0 + 1);
      store.recordEnd(endedBefore);
      store.recordTrace(traceEntry(A, T0 + 2));
      const other = run(B, T0 + 3);
      store.recordEnd(other);
      await store.flush();

      await store.removeTask(A);

      expect((await store.list({ limit: 10 })).items).toEqual([listed(other)]);
      expect((await store.list({ taskId: A, limit: 10 })).items).toEqual([]);
      expect(await store.get(endedBefore.id)).toBeNull();
      expect(await store.trace(A, 10)).toEqual([]);
      expect(store.taskStats(A).runs).toBe(0);
      expect(store.lastExecution(A)).toBeNull();
      expect(store.summary({}).byStatus.succeeded).toBe(1);
      // The run that was going when the task was removed ends later: still forgotten.
      store.recordEnd(ended(runningBefore, 'cancelled', 50));
      await store.flush();
      expect((await store.list({ taskId: A, limit: 10 })).items).toEqual([]);
      expect(store.taskStats(A).runs).toBe(0);
      expect((await reopen()).unfinished).toEqual([]);
      expect((await store.list({ limit: 10 })).items).toEqual([listed(other)]);

      // A task re-created under the same id (an import) records afresh.
      const again = started(A, T0 + 10);
      store.recordStart(again);
      const againEnded = ended(again, 'succeeded', 10);
      store.recordEnd(againEnded);
      const skipped = { ...run(A, T0 + 20), status: 'skipped' as const };
      store.recordEnd(skipped);
      await store.flush();
      await reopen();
      expect((await store.list({ taskId: A, limit: 10 })).items).toEqual([
        listed(skipped),
        listed(againEnded),
      ]);
      expect(store.taskStats(A).runs).toBe(1);
    });

    it('keeps everything across a reopen', async () => {
      const recorded = recordRuns(60);
      store.recordTrace(traceEntry(B, T0 + 5));
      const open = started(C, T0 + 99 * 60_000);
      store.recordStart(open);
      await store.flush();
      const before = {
        list: await listAll(store, { limit: 25 }),
        trace: await store.trace(B, 5),
        stats: store.taskStats(A),
        summary: store.summary({}),
        recent: store.recentDurations(C, 50),
      };

      const { unfinished } = await reopen();

      expect(ids(unfinished)).toEqual([open.id]);
      expect(await listAll(store, { limit: 25 })).toEqual(before.list);
      expect(await store.trace(B, 5)).toEqual(before.trace);
      expect(store.taskStats(A)).toEqual(before.stats);
      expect(store.summary({})).toEqual(before.summary);
      expect(store.recentDurations(C, 50)).toEqual(before.recent);
      const someone = recorded[17];
      expect(await store.get(someone?.id ?? '')).toEqual(someone);
    });
  });
}
