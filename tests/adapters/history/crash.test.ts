import Conf from 'conf';
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonlHistoryStore } from '../../../electron/adapters/history/jsonl-history-store.js';
import { ConfTaskStore } from '../../../electron/adapters/stores/conf-task-store.js';
import { makeTempDir, removeDir } from '../stores/temp-dir.js';
import { ensureBuilt } from './built-dist.js';
import { seededRandom } from './records.js';

const CHILD = join(import.meta.dirname, 'fixtures', 'crash-child.mjs');
const KILLS = 50;
const SEGMENT_BYTES = 8 * 1024; // as in the child: a rotation every round or two

interface Run {
  lines: string[];
  exit: Promise<void>;
  stderr: () => string;
}

/**
 * Starts the child and SIGKILLs it `killAfterMs` after it starts, or after it says `ready`
 * (so that half the kills hit recovery and start-up, half hit steady work, however fast the
 * machine is).
 */
function startChild(dir: string, seed: number, killAfterMs: number, afterReady: boolean): Run {
  const child = spawn(process.execPath, [CHILD, dir, String(seed)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  let timer: NodeJS.Timeout | null = null;
  // The kill moment is the point of the test: a random instant of the child's life.
  const arm = () => (timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs));
  child.stdout.on('data', (text: string) => {
    const parts = (partial + text).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    if (afterReady && timer === null && parts.includes('ready')) arm();
  });
  if (!afterReady) arm();
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<void>((resolve) => {
    child.on('close', () => {
      if (timer !== null) clearTimeout(timer);
      resolve();
    });
  });
  return { lines, exit, stderr: () => stderr };
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether a file of the data folder is whole: JSON, JSON lines, or a binary id filter. */
function parses(path: string, bytes: Buffer): boolean {
  if (path.endsWith('.ids')) return bytes.length >= 8 && (bytes.length - 8) % 4 === 0;
  const text = bytes.toString('utf8');
  if (!path.endsWith('.jsonl')) return isJson(text);
  return (text === '' || text.endsWith('\n')) && text.split('\n').slice(0, -1).every(isJson);
}

describe('stores under SIGKILL at random moments', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureBuilt();
    dir = await makeTempDir('crash');
  }, 120_000);
  afterAll(async () => {
    await removeDir(dir);
  });

  it(`keeps every acknowledged write through ${KILLS} kills`, async () => {
    const seed = Number(process.env['TASKDECK_CRASH_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`crash test seed ${seed} (TASKDECK_CRASH_SEED=${seed} repeats this run)`);
    const random = seededRandom(seed);
    const acked = new Set<string>();
    const flushedStarts = new Set<string>();
    const flushedEnds = new Set<string>();
    let readyRuns = 0;

    for (let i = 0; i < KILLS; i++) {
      const afterReady = i % 2 === 1;
      const killAfterMs = Math.floor(random() * (afterReady ? 400 : 300));
      const child = startChild(dir, Math.floor(random() * 2 ** 31), killAfterMs, afterReady);
      await child.exit;
      const context = `kill ${i + 1}, ${killAfterMs} ms after ${afterReady ? 'ready' : 'spawn'} (seed ${seed})`;
      for (const line of child.lines) {
        const [word, id] = line.split(' ');
        if (word === 'ready') readyRuns++;
        else if (word === 'ack' && id !== undefined) acked.add(id);
        else if (word === 'flushed' && id !== undefined) flushedStarts.add(id);
        else if (word === 'flushed-end' && id !== undefined) flushedEnds.add(id);
        else throw new Error(`${context}: unexpected line "${line}"; stderr: ${child.stderr()}`);
      }
      expect(child.stderr(), context).toBe('');

      // The next start, as Taskdeck would do it: load the tasks, open the history.
      const { data, problems } = await new ConfTaskStore({ Store: Conf, cwd: dir }).load();
      expect(problems, context).toEqual([]);
      const present = new Set(data.tasks.map((task) => task.id));
      for (const id of acked) expect(present.has(id), `${context}: task ${id}`).toBe(true);

      const history = new JsonlHistoryStore({ dir, segmentBytes: SEGMENT_BYTES });
      const opened = await history.open();
      expect(opened.problems, context).toEqual([]);
      const unfinished = new Set(opened.unfinished.map((e) => e.id));
      for (const id of flushedStarts) {
        const known = unfinished.has(id) || (await history.get(id)) !== null;
        expect(known, `${context}: start ${id} neither ended nor unfinished`).toBe(true);
      }
      for (const id of flushedEnds) {
        expect(await history.get(id), `${context}: end ${id}`).not.toBeNull();
      }
      await history.close();

      // Every file parses, and no temporary file is left once the stores have opened.
      for (const path of await filesUnder(dir)) {
        expect(path, context).not.toMatch(/\.tmp-/);
        const bytes = await readFile(path);
        expect(parses(path, bytes), `${context}: ${path}`).toBe(true);
      }
    }
    // A last start, as the host makes it: what the final kill left running is recorded as
    // interrupted. From then on no start is left open: every one ever flushed has its end.
    const last = new JsonlHistoryStore({ dir, segmentBytes: SEGMENT_BYTES });
    for (const execution of (await last.open()).unfinished) {
      last.recordEnd({ ...execution, status: 'interrupted', endedAt: Date.now(), error: 'killed' });
    }
    await last.close();
    const clean = new JsonlHistoryStore({ dir, segmentBytes: SEGMENT_BYTES });
    expect((await clean.open()).unfinished, `after the last start (seed ${seed})`).toEqual([]);
    const endings = new Map<string, number>();
    for (const id of flushedStarts) {
      const status = (await clean.get(id))?.status ?? 'no end record';
      endings.set(status, (endings.get(status) ?? 0) + 1);
    }
    await clean.close();
    expect([...endings.keys()].sort(), `ends of flushed starts (seed ${seed})`).toEqual([
      'failed',
      'interrupted',
      'succeeded',
    ]);

    // Half the kills came after start-up, in the middle of acknowledged work.
    expect(readyRuns).toBeGreaterThanOrEqual(KILLS / 2);
    expect(acked.size).toBeGreaterThan(KILLS);
    expect(flushedEnds.size).toBeGreaterThan(KILLS);
  }, 120_000);
});
