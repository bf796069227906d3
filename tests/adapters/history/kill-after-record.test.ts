import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JsonlHistoryStore } from '../../../electron/adapters/history/jsonl-history-store.js';
import { makeTempDir, removeDir } from '../stores/temp-dir.js';
import { ensureBuilt } from './built-dist.js';
import { listAll } from './history-store-contract.js';

const CHILD = join(import.meta.dirname, 'fixtures', 'record-then-block.mjs');
const SEGMENT_BYTES = 4 * 1024;

interface Recorded {
  open: { id: string; pgid: number; startToken: string }[];
  ended: string[];
  trace: { t: number; taskId: string; outcome: string; reason: string; executionId: string };
  /** Whether the last recordStart call was the one that sealed a segment. */
  sealedByStart: boolean;
}

/**
 * Runs the child on `dir` and SIGKILLs it the moment it says what it recorded: no flush, no
 * close, no timer ran after the recording calls.
 */
function recordAndKill(dir: string): Promise<Recorded> {
  const child = spawn(process.execPath, [CHILD, dir, String(SEGMENT_BYTES)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let recorded: Recorded | null = null;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    stdout += text;
    const line = /^recorded (.*)\n/m.exec(stdout)?.[1];
    if (recorded === null && line !== undefined) {
      child.kill('SIGKILL');
      recorded = JSON.parse(line) as Recorded;
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A child that never says it recorded is a failure, reported rather than waited out.
  const deadline = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve, reject) => {
    child.on('close', (_code, signal) => {
      clearTimeout(deadline);
      if (recorded !== null && signal === 'SIGKILL') resolve(recorded);
      else reject(new Error(`child ended (${signal}) without being killed: ${stdout}${stderr}`));
    });
  });
}

describe('a SIGKILL right after the recording calls', () => {
  let dir: string;
  beforeAll(ensureBuilt, 120_000);
  beforeEach(async () => {
    dir = await makeTempDir('kill-after-record');
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it('loses no record: the open starts (with their process groups), ends and trace', async () => {
    const recorded = await recordAndKill(dir);

    const store = new JsonlHistoryStore({ dir, segmentBytes: SEGMENT_BYTES });
    try {
      const { unfinished, problems } = await store.open();

      expect(problems).toEqual([]);
      // What the survivor reaper needs: each unfinished start with its process group.
      expect(unfinished.map((e) => ({ id: e.id, pgid: e.pgid, startToken: e.startToken }))).toEqual(
        recorded.open,
      );
      const { items } = await listAll(store, { limit: 50 });
      expect(items.map((e) => e.id).sort()).toEqual([...recorded.ended].sort());
      expect(await store.get(recorded.ended.at(-1) ?? '')).toMatchObject({ status: 'succeeded' });
      expect(await store.trace('short-task', 5)).toEqual([recorded.trace]);
      // The kill came right after a rotation, made inside the last recordStart call.
      expect(recorded.sealedByStart).toBe(true);
      expect(recorded.ended.length).toBeGreaterThan(2);
    } finally {
      await store.close();
    }
  }, 30_000);
});
