import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonlHistoryStore } from '../../../electron/adapters/history/jsonl-history-store.js';
import { ChildProcessRunner } from '../../../electron/adapters/process/child-process-runner.js';
import { reapSurvivors } from '../../../electron/adapters/process/survivor-reaper.js';
import { newExecution } from '../../../electron/core/execution-record.js';
import { makeTempDir, removeDir } from '../stores/temp-dir.js';
import { childrenOf, forceKill, isGone, procInfo, waitUntil } from './proc-helpers.js';
import { hostEnvironment } from './runner-harness.js';

const groups: number[] = [];
afterEach(() => {
  for (const pgid of groups.splice(0)) forceKill(-pgid);
});

/** Starts a detached group the way the runner does, as if left over from a crashed Taskdeck. */
async function survivor(script: string): Promise<{ pgid: number; startToken: string }> {
  const child: ChildProcess = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' });
  const pid = child.pid ?? -1;
  groups.push(pid);
  await waitUntil(() => childrenOf(pid).length > 0, 'the survivor to start its child');
  return { pgid: pid, startToken: procInfo(pid)?.startTime ?? '?' };
}

describe('reapSurvivors', () => {
  it('ends a group whose leader has the recorded token, and leaves one whose token differs', async () => {
    const ours = await survivor('sleep 100; exit 0');
    const reused = await survivor('sleep 100; exit 0');
    const oursChild = childrenOf(ours.pgid)[0]?.pid ?? -1;
    const killed = await reapSurvivors(
      [
        ours,
        { pgid: reused.pgid, startToken: `${reused.startToken}1` },
        { pgid: reused.pgid, startToken: null },
        { pgid: 999_999_999, startToken: '1' },
      ],
      5_000,
    );
    expect(killed).toEqual([ours]);
    await waitUntil(() => isGone(ours.pgid) && isGone(oursChild), 'the survivor group to be gone');
    expect(isGone(reused.pgid)).toBe(false);
    expect(childrenOf(reused.pgid).filter((child) => child.state !== 'Z')).toHaveLength(1);
  });

  it('SIGKILLs a survivor that ignores SIGTERM after the grace period', async () => {
    const stubborn = await survivor('trap "" TERM; sleep 100; exit 0');
    const began = Date.now();
    expect(await reapSurvivors([stubborn], 500)).toEqual([stubborn]);
    expect(Date.now() - began).toBeGreaterThanOrEqual(490);
    await waitUntil(() => isGone(stubborn.pgid), 'the stubborn survivor to be gone');
  });

  it('ends, after a crash, the tree of an execution the history has as unfinished', async () => {
    const dir = await makeTempDir('reaper');
    try {
      // Taskdeck as it was before the crash: the real runner (no environment markers, so only
      // the recorded group can find it) and the start record in the log.
      const runner = new ChildProcessRunner({ environment: hostEnvironment() });
      const before = new JsonlHistoryStore({ dir });
      await before.open();
      const execution = newExecution(
        crypto.randomUUID(),
        crypto.randomUUID(),
        'left running',
        'manual',
        '',
        0,
        0,
      );
      const proc = runner.start({
        executionId: execution.id,
        action: { type: 'command', command: 'sleep 100 & (trap "" TERM; sleep 100) & wait' },
        outputTailBytes: 1_024,
        killGraceMs: 1_000,
        onOutput: () => undefined,
      });
      const pid = proc.pid ?? -1;
      groups.push(pid);
      before.recordStart({
        ...execution,
        status: 'running',
        startedAt: Date.now(),
        pid,
        pgid: proc.pgid,
        startToken: proc.startToken,
      });
      await waitUntil(() => childrenOf(pid).length === 2, 'both children to start');
      const tree = [pid, ...childrenOf(pid).map((child) => child.pid)];

      // The next start: what the log says was running is ended before anything else happens.
      const after = new JsonlHistoryStore({ dir });
      const { unfinished } = await after.open();
      expect(unfinished.map((e) => e.id)).toEqual([execution.id]);
      const groupsOf = unfinished.map((e) => ({ pgid: e.pgid ?? -1, startToken: e.startToken }));
      expect(await reapSurvivors(groupsOf, 500)).toEqual(groupsOf);
      await waitUntil(() => tree.every(isGone), 'the whole tree to be gone');
      expect((await proc.done).signal).toBe('SIGTERM');
      await Promise.all([before.close(), after.close()]);
    } finally {
      await removeDir(dir);
    }
  });

  it('resolves with nothing when nothing survived', async () => {
    expect(await reapSurvivors([], 1_000)).toEqual([]);
    expect(await reapSurvivors([{ pgid: 999_999_999, startToken: '5' }], 1_000)).toEqual([]);
  });
});
