import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  appendFile,
  copyFile,
  readdir,
  readFile,
  rm,
  stat,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXECUTION_STATUSES } from '../../../shared/schemas/execution.js';
import {
  JsonlHistoryStore,
  type JsonlHistoryStoreOptions,
} from '../../../electron/adapters/history/jsonl-history-store.js';
import type { HistoryStore } from '../../../electron/core/ports/history-store.js';
import { makeTempDir, removeDir } from '../stores/temp-dir.js';
import { listAll } from './history-store-contract.js';
import { T0, ended, listed, run, started, traceEntry } from './records.js';

let dir: string;
let history: string;
const stores: HistoryStore[] = [];

beforeEach(async () => {
  dir = await makeTempDir('jsonl-history');
  history = join(dir, 'history');
});
afterEach(async () => {
  // Stores a test abandoned (a simulated crash) are closed only now, after the checks.
  for (const store of stores.splice(0)) await store.close().catch(() => undefined);
  await removeDir(dir);
});

async function openStore(options: Partial<JsonlHistoryStoreOptions> = {}) {
  const store = new JsonlHistoryStore({ dir, ...options });
  stores.push(store);
  const opened = await store.open();
  return { store, ...opened };
}

async function segmentFiles(): Promise<string[]> {
  return (await readdir(history)).filter((name) => name.endsWith('.jsonl')).sort();
}

async function lastSegment(): Promise<string> {
  return join(history, (await segmentFiles()).at(-1) ?? 'missing');
}

/** Every line of every segment, parsed (throws if any line is not JSON). */
async function allLines(): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const name of await segmentFiles()) {
    const text = await readFile(join(history, name), 'utf8');
    for (const line of text.split('\n').filter((l) => l !== '')) {
      out.push(JSON.parse(line) as Record<string, unknown>);
    }
  }
  return out;
}

describe('JsonlHistoryStore on disk', () => {
  it('skips a torn last line, cuts it off, and appends cleanly after it', async () => {
    const first = await openStore();
    const kept = [run('a', T0), run('b', T0 + 1)];
    for (const record of kept) first.store.recordEnd(record);
    await first.store.close();
    const segment = await lastSegment();
    const goodSize = (await stat(segment)).size;
    // A crash in the middle of a write leaves half a line (here: mid-way through a character).
    const torn = Buffer.from(`${JSON.stringify(run('c', T0 + 2)).slice(0, 180)}ü`).subarray(0, -1);
    await appendFile(segment, torn);

    const second = await openStore();

    expect(second.problems).toEqual([]);
    expect((await second.store.list({ limit: 10 })).items).toEqual(kept.reverse().map(listed));
    expect((await stat(segment)).size).toBe(goodSize);
    const later = run('d', T0 + 3);
    second.store.recordEnd(later);
    await second.store.close();
    expect((await allLines()).map((line) => line['id'])).toEqual([
      ...kept.reverse().map((r) => r.id),
      later.id,
    ]);
  });

  it('reports a garbled line in the middle of the log and skips only it', async () => {
    const first = await openStore();
    first.store.recordEnd(run('a', T0));
    first.store.recordEnd(run('a', T0 + 1));
    await first.store.close();
    const segment = await lastSegment();
    const [one, two] = (await readFile(segment, 'utf8')).split('\n');
    await writeFile(segment, `${one}\n{"k":"e", this is not json}\n${two}\n`);

    const { store, problems } = await openStore();

    expect(problems).toMatchObject([{ code: 'history_records_skipped', path: segment }]);
    expect((await store.list({ limit: 10 })).items).toHaveLength(2);
  });

  it('puts each record in the segment file in the call that records it', async () => {
    // No timed sync in this test's lifetime: only the write made by each call can be seen.
    const { store } = await openStore({ flushDelayMs: 3_600_000 });
    const segment = await lastSegment();
    const start = started('t', T0);
    store.recordStart(start);
    const done = run('t', T0 + 1);
    store.recordEnd(done);
    store.recordTrace(traceEntry('t', T0 + 2));
    // Read at once, before any await: the lines are in the file already.
    const lines = readFileSync(segment, 'utf8').split('\n');
    expect(
      lines.map((line) => (line === '' ? null : (JSON.parse(line) as { k: string }).k)),
    ).toEqual(['s', 'e', 't', null]);
    // The process dies here: no flush(), no close(). A new process opens the folder.

    const next = await openStore();

    expect(next.unfinished.map((e) => e.id)).toEqual([start.id]);
    expect(await next.store.get(done.id)).toEqual(done);
    expect(await next.store.trace('t', 5)).toEqual([traceEntry('t', T0 + 2)]);
  });

  it('carries open executions into each new segment, so open() reads only the newest one', async () => {
    const first = await openStore({ segmentBytes: 4096 });
    const longRunning = started('long', T0);
    first.store.recordStart(longRunning);
    for (let i = 0; i < 60; i++) first.store.recordEnd(run(`task-${i % 4}`, T0 + i));
    await first.store.flush();
    const segments = await segmentFiles();
    expect(segments.length).toBeGreaterThan(5);
    // Make every sealed segment unreadable garbage of the same size: open() must not need them.
    for (const name of segments.slice(0, -1)) {
      const { size } = await stat(join(history, name));
      await writeFile(join(history, name), 'x'.repeat(size));
    }

    const { store, unfinished, problems } = await openStore({ segmentBytes: 4096 });

    expect(problems).toEqual([]);
    expect(unfinished.map((e) => e.id)).toEqual([longRunning.id]);
    expect(store.taskStats('task-1').runs).toBe(15);
    expect((await store.list({ limit: 2 })).items.map((e) => e.taskId)).toEqual([
      'task-3',
      'task-2',
    ]);
  });

  it('rebuilds lost or damaged indexes, manifest and aggregates from the segments', async () => {
    const first = await openStore({ segmentBytes: 16 * 1024 });
    for (let i = 0; i < 150; i++) first.store.recordEnd(run(`t${i % 5}`, T0 + i));
    first.store.recordTrace(traceEntry('t1', T0));
    await first.store.removeTask('t4');
    const before = {
      all: await listAll(first.store, { limit: 40 }),
      t2: await listAll(first.store, { taskId: 't2', limit: 7 }),
      stats: first.store.taskStats('t3'),
      summary: first.store.summary({}),
      trace: await first.store.trace('t1', 3),
    };
    await first.store.close();
    const names = await readdir(history);
    for (const name of names.filter((n) => n.endsWith('.idx.json') || n.endsWith('.ids'))) {
      // Some sidecars and id filters vanish, the others are damaged.
      if (/[13]\.idx\.json$|[24]\.ids$/.test(name)) await writeFile(join(history, name), '{"v":1');
      else await rm(join(history, name));
    }
    await rm(join(history, 'segments.json'));
    await rm(join(history, 'aggregates.json'));

    const { store } = await openStore({ segmentBytes: 16 * 1024 });

    expect(await listAll(store, { limit: 40 })).toEqual(before.all);
    expect(await listAll(store, { taskId: 't2', limit: 7 })).toEqual(before.t2);
    expect((await store.list({ taskId: 't4', limit: 5 })).items).toEqual([]);
    expect(store.taskStats('t3')).toEqual(before.stats);
    expect(store.summary({})).toEqual(before.summary);
    expect(await store.trace('t1', 3)).toEqual(before.trace);
    for (const record of before.all.items.filter((_, i) => i % 10 === 0)) {
      expect((await store.get(record.id))?.id).toBe(record.id);
    }
  });

  it('answers time and status queries reading only the indexes of segments that can match', async () => {
    const first = await openStore({ segmentBytes: 8 * 1024 });
    const records = Array.from({ length: 200 }, (_, i) =>
      run('t', T0 + i * 60_000, i === 57 ? 'timed-out' : 'succeeded'),
    );
    for (const record of records) first.store.recordEnd(record);
    await first.store.close();
    const manifest = JSON.parse(await readFile(join(history, 'segments.json'), 'utf8')) as {
      segments: { n: number; minT: number | null; maxT: number | null; statuses: number[] }[];
    };
    const sidecars = async () =>
      (await readdir(history)).filter((name) => name.endsWith('.idx.json')).sort();
    const sidecarOf = (n: number) => `segment-${String(n).padStart(6, '0')}.idx.json`;
    // Without their sidecars, reading a segment's index shows: it is rebuilt and written again.
    for (const name of await sidecars()) await rm(join(history, name));
    const { store } = await openStore({ segmentBytes: 8 * 1024 });

    const since = records[180]?.endedAt ?? 0;
    const recent = await listAll(store, { since, limit: 100 });
    expect(recent.items).toHaveLength(20);
    const overlapping = manifest.segments.filter((s) => (s.maxT ?? -Infinity) >= since);
    expect(overlapping.length).toBeLessThan(manifest.segments.length / 4);
    expect(await sidecars()).toEqual(overlapping.map((s) => sidecarOf(s.n)));

    const timedOut = await store.list({ statuses: ['timed-out'], limit: 10 });
    expect(timedOut.items.map((r) => r.id)).toEqual([records[57]?.id]);
    const timedOutAt = EXECUTION_STATUSES.indexOf('timed-out');
    const holding = manifest.segments.filter((s) => (s.statuses[timedOutAt] ?? 0) > 0);
    expect(holding).toHaveLength(1);
    expect(await sidecars()).toEqual(
      [...overlapping, ...holding].map((s) => sidecarOf(s.n)).sort(),
    );
  });

  it('upgrades a v1 manifest from the sidecar indexes, without re-reading the segments', async () => {
    const first = await openStore({ segmentBytes: 8 * 1024 });
    for (let i = 0; i < 100; i++) first.store.recordEnd(run('t', T0 + i * 1_000));
    await first.store.close();
    const path = join(history, 'segments.json');
    const current = await readFile(path, 'utf8');
    const v2 = JSON.parse(current) as { segments: Record<string, unknown>[] };
    const v1 = {
      ...v2,
      v: 1,
      segments: v2.segments.map(({ minT, maxT, statuses, ...rest }) => rest),
    };
    await writeFile(path, JSON.stringify(v1));
    const mtimes = async () =>
      Promise.all(
        (await readdir(history))
          .filter((name) => name.endsWith('.idx.json'))
          .map(async (name) => [name, (await stat(join(history, name))).mtimeMs]),
      );
    const before = await mtimes();

    const { store } = await openStore({ segmentBytes: 8 * 1024 });

    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(JSON.parse(current));
    // Rebuilding from a segment rewrites its sidecar; reading the sidecar leaves it as it was.
    expect(await mtimes()).toEqual(before);
    expect((await store.list({ since: T0 + 91_000, limit: 50 })).items).toHaveLength(10);
  });

  it('replays what a stale aggregates.json missed, without counting anything twice', async () => {
    const first = await openStore({ segmentBytes: 8 * 1024 });
    for (let i = 0; i < 20; i++) first.store.recordEnd(run('t', T0 + i, 'succeeded'));
    await first.store.flush();
    await copyFile(join(history, 'aggregates.json'), join(dir, 'aggregates.old'));
    for (let i = 0; i < 30; i++) first.store.recordEnd(run('t', T0 + 100 + i, 'failed'));
    await first.store.flush();
    // Crash, and the newest aggregates.json is lost: only the older one is there.
    await copyFile(join(dir, 'aggregates.old'), join(history, 'aggregates.json'));

    const { store } = await openStore({ segmentBytes: 8 * 1024 });

    expect(store.taskStats('t')).toMatchObject({ runs: 50, succeeded: 20, failed: 30 });
  });

  it('prunes by rewriting sealed segments, dropping removed tasks physically', async () => {
    const first = await openStore({ segmentBytes: 8 * 1024 });
    const ofA = Array.from({ length: 200 }, (_, i) => run('A', T0 + i));
    const ofB = Array.from({ length: 20 }, (_, i) => run('B', T0 + 1_000 + i));
    for (const record of [...ofA, ...ofB]) first.store.recordEnd(record);
    await first.store.removeTask('B');
    const segmentsBefore = (await segmentFiles()).length;

    const removed = await first.store.prune({
      keep: new Map([['A', 10]]),
      maxAgeMs: 1e12,
      now: T0,
    });

    expect(removed).toBe(190);
    expect((await segmentFiles()).length).toBeLessThan(segmentsBefore);
    const lines = await allLines();
    expect(lines.filter((l) => l['taskId'] === 'B').map((l) => l['k'])).toEqual(['r']);
    expect(lines.filter((l) => l['k'] === 'e')).toHaveLength(10);
    await first.store.close();
    const { store } = await openStore({ segmentBytes: 8 * 1024 });
    expect((await listAll(store, { limit: 3 })).items).toEqual(
      ofA.slice(-10).reverse().map(listed),
    );
    expect(await store.get(ofA[0]?.id ?? '')).toBeNull();
    // Later appends land after the rewritten segments and read back.
    const later = run('A', T0 + 5_000);
    store.recordEnd(later);
    expect(await store.get(later.id)).toEqual(later);
  });

  it('keeps the starts of open executions when pruning rewrites the newest segment', async () => {
    const first = await openStore();
    const open = started('A', T0);
    first.store.recordStart(open);
    for (let i = 0; i < 5; i++) {
      const start = started('A', T0 + i);
      first.store.recordStart(start);
      first.store.recordEnd(ended(start, 'succeeded', 10));
    }
    expect(await first.store.prune({ keep: new Map([['A', 1]]), maxAgeMs: 1e12, now: T0 })).toBe(4);
    const lines = await allLines();
    expect(lines.filter((l) => l['k'] === 's').map((l) => l['id'])).toEqual([
      open.id,
      lines.find((l) => l['k'] === 'e')?.['id'],
    ]);
    // Crash; the next start still finds the open one, and only it.
    const next = await openStore();
    expect(next.unfinished.map((e) => e.id)).toEqual([open.id]);
  });

  it('removes temporary files left by a killed write when it opens', async () => {
    const first = await openStore();
    first.store.recordEnd(run('a', T0));
    await first.store.close();
    await writeFile(join(history, 'aggregates.json.tmp-999-abcdef'), '{"v":1,"q"');
    await writeFile(join(history, 'segment-000002.jsonl.tmp-999-abcdef'), '{"k":"s"');

    const { store } = await openStore();

    expect((await readdir(history)).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect((await store.list({ limit: 5 })).items).toHaveLength(1);
  });

  it('keeps results JSON cannot hold as text instead of failing the batch', async () => {
    const { store } = await openStore();
    const cyclic: Record<string, unknown> = { answer: 42n };
    cyclic['self'] = cyclic;
    const record = { ...run('a', T0), result: cyclic };
    store.recordEnd(record);
    store.recordEnd({ ...run('a', T0 + 1), result: { rows: [1, 2] } });
    const [second, first] = (await store.list({ limit: 2 })).items;
    expect(first?.result).toEqual(expect.stringContaining('answer: 42n'));
    expect(second?.result).toEqual({ rows: [1, 2] });
  });

  it('rejects a cursor it did not make', async () => {
    const { store } = await openStore();
    await expect(store.list({ limit: 5, cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/);
    await expect(store.list({ limit: 5, cursor: randomUUID() })).rejects.toThrow(/cursor/);
  });

  it('keeps the history folder private (0700, files 0600) and leaves no temp files', async () => {
    const { store } = await openStore({ segmentBytes: 4096 });
    for (let i = 0; i < 20; i++) store.recordEnd(run('a', T0 + i));
    await store.close();
    expect((await stat(history)).mode & 0o777).toBe(0o700);
    const names = await readdir(history);
    expect(names.filter((name) => name.endsWith('.jsonl')).length).toBeGreaterThan(2);
    for (const name of names) {
      expect(name).not.toContain('.tmp-');
      expect((await stat(join(history, name))).mode & 0o777, name).toBe(0o600);
    }
    await truncate(join(history, 'aggregates.json'), 0);
    const { store: again } = await openStore({ segmentBytes: 4096 });
    expect(again.taskStats('a').runs).toBe(20);
  });
});
