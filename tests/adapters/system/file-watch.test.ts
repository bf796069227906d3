import { appendFileSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, open, rename, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILE_DEBOUNCE_MS } from '../../../electron/adapters/system/file-watch.js';
import { NodeSystemSignals } from '../../../electron/adapters/system/node-system-signals.js';
import { quietPeriod, waitFor } from './wait-for.js';

let dir = '';
const unwatchers: (() => void)[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'taskdeck-watch-'));
});
afterEach(async () => {
  for (const unwatch of unwatchers.splice(0)) unwatch();
  await rm(dir, { recursive: true, force: true });
});

interface Watcher {
  calls: number;
  unwatch: () => void;
}

/** Watches `target` through the adapter and counts the calls; `onCall` runs inside each. */
function watch(
  target: string,
  onCall: () => void = () => undefined,
  signals = new NodeSystemSignals(),
): Watcher {
  const watcher: Watcher = { calls: 0, unwatch: () => undefined };
  watcher.unwatch = signals.watchFile(target, () => {
    watcher.calls++;
    onCall();
  });
  unwatchers.push(watcher.unwatch);
  return watcher;
}

async function calledAtLeast(watcher: Watcher, calls: number): Promise<void> {
  await waitFor(() => watcher.calls >= calls, 5_000, `${calls} call(s)`);
}

/** Long enough that a second call for the same burst would have come. */
const settle = () => quietPeriod(FILE_DEBOUNCE_MS * 3);

describe('NodeSystemSignals.watchFile', () => {
  it('calls once for a burst of 10 writes, after the last one', async () => {
    const file = path.join(dir, 'notes.txt');
    await writeFile(file, 'start');
    const seen: string[] = [];
    const watcher = watch(file, () => seen.push(readFileSync(file, 'utf8')));
    for (let i = 1; i <= 10; i++) {
      appendFileSync(file, ` ${i}`);
      // Each write reaches the watch in its own turn of the event loop, as an editor's would.
      await quietPeriod(5);
    }

    await calledAtLeast(watcher, 1);
    await settle();
    expect(watcher.calls).toBe(1);
    expect(seen).toEqual(['start 1 2 3 4 5 6 7 8 9 10']);
  });

  it('still calls while a file is written without pause', async () => {
    const file = path.join(dir, 'app.log');
    await writeFile(file, '');
    const watcher = watch(file);
    const deadline = Date.now() + 5_000;
    let lines = 0;
    // Writes every 50 ms never leave the quiet time that ends a burst.
    while (watcher.calls === 0 && Date.now() < deadline) {
      appendFileSync(file, `line ${++lines}\n`);
      await quietPeriod(50);
    }
    expect(watcher.calls).toBe(1);
  });

  it('calls when a file that did not exist is created, then on its later changes', async () => {
    const file = path.join(dir, 'later.json');
    const watcher = watch(file);
    await writeFile(file, '{}');
    await calledAtLeast(watcher, 1);
    await settle();
    expect(watcher.calls).toBe(1);

    await writeFile(file, '{"a":1}');
    await calledAtLeast(watcher, 2);
  });

  it('calls when a file appears under folders that did not exist either', async () => {
    const file = path.join(dir, 'a', 'b', 'c.txt');
    const watcher = watch(file);
    await mkdir(path.join(dir, 'a', 'b'), { recursive: true });
    await writeFile(path.join(dir, 'a', 'b', 'other.txt'), 'not this one');
    await settle();
    expect(watcher.calls).toBe(0);

    // Moved into place whole, as an atomic save does: no write follows the name's appearance.
    const temp = path.join(dir, 'c.txt.tmp');
    await writeFile(temp, 'this one');
    await rename(temp, file);
    await calledAtLeast(watcher, 1);
  });

  it('calls when the file appears in a folder that was removed and made again', async () => {
    const folder = path.join(dir, 'out');
    await mkdir(folder);
    const watcher = watch(path.join(folder, 'result.txt'));
    await rm(folder, { recursive: true });
    await mkdir(folder);
    await writeFile(path.join(folder, 'result.txt'), 'done');
    await calledAtLeast(watcher, 1);
  });

  it('keeps calling across atomic saves that rename a new file over the old one', async () => {
    const file = path.join(dir, 'config.yml');
    await writeFile(file, 'v: 0');
    const seen: string[] = [];
    const watcher = watch(file, () => seen.push(readFileSync(file, 'utf8')));

    for (let save = 1; save <= 3; save++) {
      const temp = path.join(dir, `.config.yml.${save}.tmp`);
      await writeFile(temp, `v: ${save}`);
      await rename(temp, file);
      await calledAtLeast(watcher, save);
    }
    // Written in place after the replacements: the watch is on the new file, not the old one.
    await writeFile(file, 'v: 4');
    await calledAtLeast(watcher, 4);
    await settle();
    expect(seen).toEqual(['v: 1', 'v: 2', 'v: 3', 'v: 4']);
  });

  it('keeps calling when the replaced file is still held open by another program', async () => {
    const file = path.join(dir, 'held.txt');
    await writeFile(file, 'old');
    const held = await open(file, 'r');
    try {
      const watcher = watch(file);
      // The old file lives on while open, so the kernel reports only an attribute change.
      const temp = path.join(dir, 'held.txt.tmp');
      await writeFile(temp, 'new');
      await rename(temp, file);
      await calledAtLeast(watcher, 1);
      await writeFile(file, 'newer');
      await calledAtLeast(watcher, 2);
    } finally {
      await held.close();
    }
  });

  it('calls when the file is deleted, and again when it comes back', async () => {
    const file = path.join(dir, 'flag');
    await writeFile(file, '1');
    const watcher = watch(file);
    await unlink(file);
    await calledAtLeast(watcher, 1);
    await writeFile(file, '2');
    await calledAtLeast(watcher, 2);
  });

  it('keeps calling across saves that delete the file and write it anew', async () => {
    const file = path.join(dir, 'plain.txt');
    await writeFile(file, 'v0');
    const seen: string[] = [];
    const watcher = watch(file, () => seen.push(readFileSync(file, 'utf8')));
    // The new file often gets the old one's inode number back at once.
    await unlink(file);
    await writeFile(file, 'v1');
    await calledAtLeast(watcher, 1);
    await settle();
    await writeFile(file, 'v2');
    await calledAtLeast(watcher, 2);
    expect(seen).toEqual(['v1', 'v2']);
  });

  it('watches a folder: a file added inside it is a change', async () => {
    const folder = path.join(dir, 'inbox');
    await mkdir(folder);
    const watcher = watch(folder);
    await writeFile(path.join(folder, 'new.txt'), 'hello');
    await calledAtLeast(watcher, 1);
  });

  it('never calls again after unwatch, even for a burst already under way', async () => {
    const file = path.join(dir, 'watched.txt');
    await writeFile(file, '0');
    const gone = watch(file);
    // Set up after `gone` on the same file: its call is due no earlier than gone's would be.
    const witness = watch(file);

    await writeFile(file, '1');
    await quietPeriod(FILE_DEBOUNCE_MS / 3);
    gone.unwatch();
    await calledAtLeast(witness, 1);
    await writeFile(file, '2');
    await calledAtLeast(witness, 2);
    expect(gone.calls).toBe(0);
    // Calling it twice is harmless.
    gone.unwatch();
  });

  it('survives a change listener that throws, and logs it once', async () => {
    const file = path.join(dir, 'throws.txt');
    await writeFile(file, '0');
    const logged: string[] = [];
    const signals = new NodeSystemSignals({ log: (message) => logged.push(message) });
    const watcher = watch(
      file,
      () => {
        throw new Error('listener failed');
      },
      signals,
    );
    await writeFile(file, '1');
    await calledAtLeast(watcher, 1);
    await writeFile(file, '2');
    await calledAtLeast(watcher, 2);
    expect(logged).toEqual([`a change listener for ${file} threw`]);
  });
});
