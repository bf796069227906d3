import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStateStore } from '../../../electron/adapters/stores/file-state-store.js';
import { makeTempDir, removeDir } from './temp-dir.js';

const NOW = Date.parse('2026-03-04T05:06:07.089Z');
const COPY = 'state.corrupt-2026-03-04T05-06-07-089Z.json';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir('state-store');
});
afterEach(async () => {
  await removeDir(dir);
});

describe('FileStateStore', () => {
  it.each([
    { name: 'truncated JSON', content: '{"lastFires": {"a": 1}, "heart' },
    { name: 'garbage', content: 'garbage' },
    { name: 'valid JSON of the wrong shape', content: '{"lastFires": [], "heartbeat": "x"}' },
    { name: 'an empty file', content: '' },
  ])('$name: loads as empty state, moved aside and listed as a problem', async (c) => {
    await writeFile(join(dir, 'state.json'), c.content);
    const store = new FileStateStore({ dir, now: () => NOW });
    expect(await store.load()).toEqual({ lastFires: {}, heartbeat: null });
    const problems = store.problems();
    expect(problems).toMatchObject([{ code: 'state_file_corrupt', path: join(dir, COPY) }]);
    expect(problems[0]?.message).toContain(join(dir, COPY));
    expect(await readFile(join(dir, COPY), 'utf8')).toBe(c.content);
    await store.save({ lastFires: { a: 5 }, heartbeat: 6 });
    expect(await new FileStateStore({ dir }).load()).toEqual({ lastFires: { a: 5 }, heartbeat: 6 });
  });

  it('moves a directory in the file place aside', async () => {
    await mkdir(join(dir, 'state.json'));
    const store = new FileStateStore({ dir, now: () => NOW });
    expect(await store.load()).toEqual({ lastFires: {}, heartbeat: null });
    expect(store.problems()[0]?.path).toBe(join(dir, COPY));
    expect((await stat(join(dir, COPY))).isDirectory()).toBe(true);
  });

  it('replaces the file atomically: a new inode each save, mode 0600, no temp files left', async () => {
    const store = new FileStateStore({ dir });
    await store.save({ lastFires: { a: 1 }, heartbeat: 1 });
    const first = await stat(join(dir, 'state.json'));
    await store.save({ lastFires: { a: 2 }, heartbeat: 2 });
    const second = await stat(join(dir, 'state.json'));
    expect(second.ino).not.toBe(first.ino);
    expect(second.mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('ignores and removes a temp file a killed write left', async () => {
    const store = new FileStateStore({ dir });
    await store.save({ lastFires: { a: 1 }, heartbeat: 9 });
    await writeFile(join(dir, 'state.json.tmp-123-abcdef'), '{"lastFires"');
    const again = new FileStateStore({ dir });
    expect(await again.load()).toEqual({ lastFires: { a: 1 }, heartbeat: 9 });
    expect(again.problems()).toEqual([]);
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('creates its folder on first save', async () => {
    const nested = join(dir, 'deeper', 'data');
    await new FileStateStore({ dir: nested }).save({ lastFires: {}, heartbeat: 3 });
    expect(await new FileStateStore({ dir: nested }).load()).toEqual({
      lastFires: {},
      heartbeat: 3,
    });
  });
});
