import Conf from 'conf';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type ElectronStore from 'electron-store';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings.js';
import {
  ConfTaskStore,
  type JsonStoreClass,
  type JsonStoreOptions,
} from '../../../electron/adapters/stores/conf-task-store.js';
import { makeData, makeTask } from './task-data.js';
import { makeTempDir, removeDir } from './temp-dir.js';

const NOW = Date.parse('2026-03-04T05:06:07.089Z');
const STAMP = '2026-03-04T05-06-07-089Z';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await makeTempDir('conf-task-store');
  file = join(dir, 'tasks.json');
});
afterEach(async () => {
  await removeDir(dir);
});

function newStore(Store: JsonStoreClass = Conf): ConfTaskStore {
  return new ConfTaskStore({ Store, cwd: dir, now: () => NOW });
}

async function entries(): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe('ConfTaskStore with a corrupt or invalid tasks.json', () => {
  const validText = JSON.stringify({ schemaVersion: 2, tasks: [], settings: DEFAULT_SETTINGS });
  const cases: { name: string; content: string; reason: RegExp }[] = [
    { name: 'truncated JSON', content: validText.slice(0, 30), reason: /not valid JSON/ },
    { name: 'garbage', content: '\u0000\u0001garbage\uFFFD{{{', reason: /not valid JSON/ },
    {
      name: 'valid JSON of the wrong shape',
      content: JSON.stringify({ schemaVersion: 2, tasks: {}, settings: DEFAULT_SETTINGS }),
      reason: /tasks/,
    },
    { name: 'an array', content: '[1, 2, 3]', reason: /JSON object/ },
    { name: 'no version at all', content: '{"tasks": []}', reason: /schemaVersion/ },
    { name: 'an empty file', content: '', reason: /empty/ },
  ];

  it.each(cases)('$name: moved aside whole, reported, and Taskdeck starts empty', async (c) => {
    await writeFile(file, c.content);
    const { data, problems } = await newStore().load();

    expect(data).toEqual({ tasks: [], settings: DEFAULT_SETTINGS });
    const copy = join(dir, `tasks.corrupt-${STAMP}.json`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'tasks_file_corrupt', path: copy });
    expect(problems[0]?.message).toMatch(c.reason);
    expect(problems[0]?.message).toContain(copy);
    // Moved, never deleted: the copy holds exactly the bytes that were there.
    expect(await readFile(copy, 'utf8')).toBe(c.content);
    expect(await entries()).toEqual([`tasks.corrupt-${STAMP}.json`]);
  });

  it('a directory in the file place: moved aside, reported, and saving works afterwards', async () => {
    await mkdir(file);
    await writeFile(join(file, 'inside.txt'), 'kept');
    const store = newStore();
    const { data, problems } = await store.load();

    expect(data.tasks).toEqual([]);
    const copy = join(dir, `tasks.corrupt-${STAMP}.json`);
    expect(problems).toMatchObject([{ code: 'tasks_file_corrupt', path: copy }]);
    expect(problems[0]?.message).toMatch(/directory/);
    expect(await readFile(join(copy, 'inside.txt'), 'utf8')).toBe('kept');
    const saved = makeData(1);
    await store.save(saved);
    expect((await newStore().load()).data).toEqual(saved);
  });

  it('one invalid task makes the whole file corrupt: no task is dropped silently', async () => {
    const good = makeTask('good');
    const bad = { ...makeTask('bad'), triggers: [{ type: 'cron', expression: '61 * * * *' }] };
    const content = JSON.stringify({
      schemaVersion: 2,
      tasks: [good, bad],
      settings: DEFAULT_SETTINGS,
    });
    await writeFile(file, content);
    const { data, problems } = await newStore().load();

    expect(data.tasks).toEqual([]);
    expect(problems[0]?.message).toContain('tasks.1.triggers.0.expression');
    expect(await readFile(join(dir, `tasks.corrupt-${STAMP}.json`), 'utf8')).toBe(content);
  });

  it('duplicate task ids are invalid', async () => {
    const task = makeTask('twice');
    await writeFile(
      file,
      JSON.stringify({ schemaVersion: 2, tasks: [task, task], settings: DEFAULT_SETTINGS }),
    );
    const { problems } = await newStore().load();
    expect(problems[0]?.message).toMatch(/Duplicate task id/);
  });

  it('never overwrites an earlier moved-aside copy', async () => {
    await writeFile(file, 'first');
    await newStore().load();
    await writeFile(file, 'second');
    const { problems } = await newStore().load();
    expect(problems[0]?.path).toBe(join(dir, `tasks.corrupt-${STAMP}-2.json`));
    expect(await readFile(join(dir, `tasks.corrupt-${STAMP}.json`), 'utf8')).toBe('first');
    expect(await readFile(join(dir, `tasks.corrupt-${STAMP}-2.json`), 'utf8')).toBe('second');
  });
});

describe('ConfTaskStore versions', () => {
  it('migrates a v1 file to v2 after writing a byte-identical backup', async () => {
    const v2 = makeTask('nightly backup');
    const { retry } = v2;
    // JSON.stringify drops the undefined timeoutMs: the v1 task only has timeoutSeconds.
    const v1Task = {
      ...v2,
      timeoutMs: undefined,
      timeoutSeconds: 90,
      retry: { maxRetries: retry.maxRetries, delaySeconds: 2.5, backoff: 'exponential' },
    };
    const noTimeout = { ...makeTask('no timeout'), timeoutMs: undefined, timeoutSeconds: null };
    const v1 = {
      version: 1,
      tasks: [v1Task, noTimeout],
      preferences: { maxRunningTasks: 2, notifications: false },
    };
    const text = JSON.stringify(v1, null, 2);
    await writeFile(file, text);

    const { data, problems } = await newStore().load();

    expect(problems).toEqual([]);
    expect(await readFile(join(dir, `tasks.v1-backup-${STAMP}.json`), 'utf8')).toBe(text);
    expect(data.settings).toEqual({
      ...DEFAULT_SETTINGS,
      maxRunningTasks: 2,
      notifications: false,
    });
    expect(data.tasks[0]).toEqual({
      ...v2,
      timeoutMs: 90_000,
      retry: { ...retry, delayMs: 2_500, backoff: 'exponential' },
    });
    expect(data.tasks[1]?.timeoutMs).toBeNull();
    // The file itself is now v2, and loads again without another backup.
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(onDisk['schemaVersion']).toBe(2);
    expect(onDisk).not.toHaveProperty('preferences');
    expect((await newStore().load()).data).toEqual(data);
    expect(await entries()).toEqual(['tasks.json', `tasks.v1-backup-${STAMP}.json`]);
  });

  it('refuses a file from a newer Taskdeck and never writes it', async () => {
    const text = JSON.stringify({ schemaVersion: 3, tasks: [{ future: true }], settings: {} });
    await writeFile(file, text);
    const before = await stat(file);
    const store = newStore();

    await expect(store.load()).rejects.toThrow(/newer Taskdeck.*must not be overwritten/s);
    await expect(store.save(makeData(1))).rejects.toThrow(/newer Taskdeck/);

    expect(await readFile(file, 'utf8')).toBe(text);
    const after = await stat(file);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(await entries()).toEqual(['tasks.json']);
  });
});

describe('ConfTaskStore writes', () => {
  it('writes tasks.json with mode 0600 (env values may hold secrets)', async () => {
    const store = newStore();
    await store.load();
    await store.save(makeData(1));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('shares one file write between saves made in the same turn', async () => {
    let writes = 0;
    class CountingConf extends Conf {
      override get store(): Record<string, unknown> {
        return super.store;
      }
      override set store(value: Record<string, unknown>) {
        writes++;
        super.store = value;
      }
    }
    const store = newStore(CountingConf);
    await store.load();
    const last = makeData(2, 'last');
    await Promise.all([store.save(makeData(1)), store.save(makeData(3)), store.save(last)]);
    expect(writes).toBe(1);
    await store.save(makeData(1));
    expect(writes).toBe(2);
    await Promise.all([store.save(last), store.save(last)]);
    expect(writes).toBe(3);
    expect((await newStore().load()).data).toEqual(last);
  });

  it('removes temporary files a killed write left behind, keeping the real file', async () => {
    const store = newStore();
    await store.load();
    const data = makeData(2);
    await store.save(data);
    await writeFile(join(dir, 'tasks.json.tmp-17000000001a2b3c'), '{"half": ');
    expect((await newStore().load()).data).toEqual(data);
    expect(await entries()).toEqual(['tasks.json']);
  });

  it('rejects a save before load', async () => {
    await expect(newStore().save(makeData(1))).rejects.toThrow(/before load/);
  });

  it('accepts conf and electron-store as the injected store class', () => {
    expectTypeOf<typeof Conf>().toExtend<JsonStoreClass>();
    expectTypeOf<typeof ElectronStore>().toExtend<JsonStoreClass>();
    expectTypeOf<JsonStoreOptions>().toHaveProperty('name');
  });
});
