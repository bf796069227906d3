import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { reapSurvivors } from '../../../electron/adapters/process/survivor-reaper.js';
import { childrenOf, forceKill, isGone, procInfo, waitUntil } from './proc-helpers.js';

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

  it('resolves with nothing when nothing survived', async () => {
    expect(await reapSurvivors([], 1_000)).toEqual([]);
    expect(await reapSurvivors([{ pgid: 999_999_999, startToken: '5' }], 1_000)).toEqual([]);
  });
});
