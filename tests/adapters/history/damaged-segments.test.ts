import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  JsonlHistoryStore,
  type JsonlHistoryStoreOptions,
} from '../../../electron/adapters/history/jsonl-history-store.js';
import type { ExecutionRecord } from '../../../electron/core/execution-record.js';
import { makeTempDir, removeDir } from '../stores/temp-dir.js';
import { listAll } from './history-store-contract.js';
import { T0, listed, run, seededRandom } from './records.js';

/*
 * A crash tears at most the bytes after the last newline. Whole lines that do not parse are
 * damage (a disk, an editor, a person): they are skipped and reported, never cut away silently,
 * and a segment holding them is copied aside before anything rewrites it.
 */

let dir: string;
let history: string;
const stores: JsonlHistoryStore[] = [];

beforeEach(async () => {
  dir = await makeTempDir('damaged-segments');
  history = join(dir, 'history');
});
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close().catch(() => undefined);
  await removeDir(dir);
});

async function openStore(options: Partial<JsonlHistoryStoreOptions> = {}) {
  const store = new JsonlHistoryStore({ dir, ...options });
  stores.push(store);
  return { store, ...(await store.open()) };
}

/** Records `records` and closes the store, leaving one segment behind. */
async function written(records: readonly ExecutionRecord[]): Promise<string> {
  const { store } = await openStore();
  for (const record of records) store.recordEnd(record);
  await store.close();
  return join(history, 'segment-000001.jsonl');
}

/** The copies kept aside: `segment-000001.damaged-<timestamp>.jsonl`. */
async function damagedCopies(): Promise<string[]> {
  return (await readdir(history))
    .filter((name) => /^segment-\d{6}\.damaged-[\dTZ-]+\.jsonl$/.test(name))
    .map((name) => join(history, name));
}

function garbageLine(seed: number): string {
  const random = seededRandom(seed);
  return Buffer.from(Array.from({ length: 90 }, () => Math.floor(random() * 256)))
    .toString('base64')
    .concat('\n');
}

const newestFirst = (records: readonly ExecutionRecord[]) => [...records].reverse().map(listed);

describe('JsonlHistoryStore with damaged segments', () => {
  it('reports whole unreadable lines at the end, keeps a copy, and cuts only the torn tail', async () => {
    const kept = [run('a', T0), run('a', T0 + 1), run('b', T0 + 2)];
    const segment = await written(kept);
    const good = await readFile(segment);
    const damage = `${garbageLine(1)}{"half": \n`;
    const torn = '{"k":"e","q":99,"taskId":"';
    await appendFile(segment, damage + torn);
    const asFound = await readFile(segment);

    const first = await openStore();

    expect(first.problems).toHaveLength(1);
    const [problem] = first.problems;
    const copies = await damagedCopies();
    expect(copies).toHaveLength(1);
    expect(problem).toMatchObject({ code: 'history_records_skipped', path: segment });
    expect(problem?.message).toContain(`2 unreadable line(s) in the history segment ${segment}`);
    expect(problem?.message).toContain(copies[0]);
    // The copy is the segment as found, byte for byte; the segment lost only the torn tail.
    expect((await readFile(copies[0] ?? '')).equals(asFound)).toBe(true);
    expect((await readFile(segment)).equals(Buffer.concat([good, Buffer.from(damage)]))).toBe(true);
    expect((await first.store.list({ limit: 10 })).items).toEqual(newestFirst(kept));

    // Appends go on after the damaged lines; the next start still reports them (they are still
    // there) but copies nothing again: nothing rewrites the segment.
    const later = run('b', T0 + 3);
    first.store.recordEnd(later);
    await first.store.close();
    const second = await openStore();
    expect(second.problems).toMatchObject([{ code: 'history_records_skipped', path: segment }]);
    expect(second.problems[0]?.message).toContain('2 unreadable line(s)');
    expect(second.problems[0]?.message).toContain('left in place');
    expect(await damagedCopies()).toEqual(copies);
    expect((await second.store.list({ limit: 10 })).items).toEqual(newestFirst([...kept, later]));
  });

  it('leaves a garbled middle line in place; a retention rewrite keeps a copy first', async () => {
    const records = Array.from({ length: 5 }, (_, i) => run('a', T0 + i));
    const segment = await written(records);
    const lines = (await readFile(segment, 'utf8')).split('\n');
    lines.splice(2, 0, garbageLine(2).trimEnd());
    await writeFile(segment, lines.join('\n'));
    const asFound = await readFile(segment);

    const { store, problems } = await openStore();

    expect(problems).toMatchObject([{ code: 'history_records_skipped', path: segment }]);
    expect(problems[0]?.message).toContain(
      `1 unreadable line(s) in the history segment ${segment}`,
    );
    expect((await readFile(segment)).equals(asFound)).toBe(true);
    expect(await damagedCopies()).toEqual([]);
    expect((await store.list({ limit: 10 })).items).toEqual(newestFirst(records));

    expect(await store.prune({ keep: new Map([['a', 2]]), maxAgeMs: 1e12, now: T0 })).toBe(3);

    const copies = await damagedCopies();
    expect(copies).toHaveLength(1);
    expect((await readFile(copies[0] ?? '')).equals(asFound)).toBe(true);
    expect(await readFile(segment, 'utf8')).not.toContain(garbageLine(2).trimEnd());
    await store.close();
    const next = await openStore();
    expect(next.problems).toEqual([]);
    expect((await next.store.list({ limit: 10 })).items).toEqual(newestFirst(records.slice(-2)));
  });

  it('reports a segment that is all garbage and never empties it', async () => {
    await openStore().then(({ store }) => store.close());
    const segment = join(history, 'segment-000001.jsonl');
    const garbage = [3, 4, 5].map(garbageLine).join('');
    await writeFile(segment, garbage);

    const first = await openStore();

    expect(first.problems).toMatchObject([{ code: 'history_records_skipped', path: segment }]);
    expect(first.problems[0]?.message).toContain('3 unreadable line(s)');
    expect(await readFile(segment, 'utf8')).toBe(garbage);
    const record = run('a', T0);
    first.store.recordEnd(record);
    await first.store.close();

    const second = await openStore();
    expect((await readFile(segment, 'utf8')).startsWith(garbage)).toBe(true);
    expect(second.problems[0]?.message).toContain('3 unreadable line(s)');
    expect((await second.store.list({ limit: 10 })).items).toEqual([listed(record)]);
  });

  it('reports damage in a sealed segment that open() has to read, once', async () => {
    const options = { segmentBytes: 4096 };
    const first = await openStore(options);
    const records = Array.from({ length: 30 }, (_, i) => run('a', T0 + i));
    for (const record of records) first.store.recordEnd(record);
    await first.store.close();
    const sealed = join(history, 'segment-000001.jsonl');
    const lines = (await readFile(sealed, 'utf8')).split('\n');
    const lost = JSON.parse(lines[1] ?? '') as { id: string };
    lines[1] = '{"k":"e","q":2,"taskId":"a",' + '\u0000'.repeat(20);
    await writeFile(sealed, lines.join('\n'));
    // Without its index, manifest and statistics, open() reads the sealed segment twice
    // (to index it and to replay it): the damage is still one problem.
    await rm(join(history, 'segment-000001.idx.json'));
    await rm(join(history, 'segments.json'));
    await rm(join(history, 'aggregates.json'));

    const { store, problems } = await openStore(options);

    expect(problems).toMatchObject([{ code: 'history_records_skipped', path: sealed }]);
    expect(problems[0]?.message).toContain('1 unreadable line(s)');
    const { items } = await listAll(store, { limit: 7 });
    expect(items.map((e) => e.id)).toEqual(
      newestFirst(records.filter((r) => r.id !== lost.id)).map((e) => e.id),
    );
    expect(store.taskStats('a').runs).toBe(29);
  });

  it.each([
    ['with room to spare', null],
    ['filling up meanwhile (room for 1 more record)', 1],
    ['filling up meanwhile (room for 4 more records)', 4],
  ])(
    'keeps every record appended while retention rewrites the segment being written, %s',
    async (_label, room) => {
      const before = Array.from({ length: 20 }, (_, i) => run('old', T0 + i));
      const segment = await written(before);
      const size = (await readFile(segment)).length;
      const options = room === null ? {} : { segmentBytes: size + room * (size / 20) };
      const { store } = await openStore(options);
      // Records keep coming, one a millisecond, while the prune reads, writes and swaps files;
      // they may seal the segment it is rewriting.
      const during: ExecutionRecord[] = [];
      const prune = { done: false };
      const pruning = store
        .prune({ keep: new Map([['old', 1]]), maxAgeMs: 1e12, now: T0 })
        .finally(() => (prune.done = true));
      for (let i = 0; !prune.done; i++) {
        const record = run('new', T0 + 1_000 + i);
        store.recordEnd(record);
        during.push(record);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      expect(await pruning).toBe(19);
      expect(during.length).toBeGreaterThan(1);
      const expected = newestFirst([...before.slice(-1), ...during]);
      expect((await listAll(store, { limit: 25 })).items).toEqual(expected);
      await store.close();

      const next = await openStore(options);
      expect(next.problems).toEqual([]);
      expect((await listAll(next.store, { limit: 25 })).items).toEqual(expected);
      expect(await damagedCopies()).toEqual([]);
    },
  );
});
