import { afterEach, describe, expect, it } from 'vitest';
import { childrenOf, forceKill, isGone, waitUntil, type ProcInfo } from './proc-helpers.js';
import { start } from './runner-harness.js';

/** Escaped processes (own session) are not in the group the harness cleans up. */
const escaped: number[] = [];
afterEach(() => {
  for (const pid of escaped.splice(0)) forceKill(pid);
});

/** Waits until `pid` has `count` children and returns them. */
async function children(pid: number, count: number): Promise<ProcInfo[]> {
  let found: ProcInfo[] = [];
  await waitUntil(() => {
    found = childrenOf(pid).filter((child) => child.state !== 'Z');
    return found.length === count;
  }, `${count} children of ${pid}`);
  return found;
}

describe('ChildProcessRunner: kill()', () => {
  it('ends the whole tree with SIGTERM, well before the grace period', async () => {
    const run = start({ command: 'sleep 100 & sleep 100 & wait' }, { graceMs: 20_000 });
    const pid = run.proc.pid ?? -1;
    const kids = await children(pid, 2);
    const began = Date.now();
    run.proc.kill();
    const outcome = await run.proc.done;
    expect(outcome.signal).toBe('SIGTERM');
    await waitUntil(() => kids.every((kid) => isGone(kid.pid)), 'the sleeps to be gone');
    expect(isGone(pid)).toBe(true);
    expect(Date.now() - began).toBeLessThan(10_000);
  });

  it('SIGKILLs a tree that ignores SIGTERM once the grace period is over', async () => {
    const run = start({ command: 'trap "" TERM; sleep 100; exit 0' }, { graceMs: 600 });
    const pid = run.proc.pid ?? -1;
    const [sleeper] = await children(pid, 1);
    const began = Date.now();
    run.proc.kill();
    const outcome = await run.proc.done;
    const took = Date.now() - began;
    expect(outcome.signal).toBe('SIGKILL');
    expect(took).toBeGreaterThanOrEqual(590);
    expect(took).toBeLessThan(5_000);
    await waitUntil(() => isGone(sleeper?.pid ?? -1), 'the sleep to be gone');
  });

  it('also ends a descendant that left the group with setsid', async () => {
    const run = start({ command: 'setsid sleep 100 & wait' }, { graceMs: 20_000 });
    const pid = run.proc.pid ?? -1;
    let runaway: ProcInfo | undefined;
    await waitUntil(() => {
      runaway = childrenOf(pid).find((child) => child.sid !== pid && child.state !== 'Z');
      return runaway !== undefined;
    }, 'the setsid child');
    const runawayPid = runaway?.pid ?? -1;
    escaped.push(runawayPid);
    expect(runaway?.pgid).not.toBe(pid);
    run.proc.kill();
    await run.proc.done;
    await waitUntil(() => isGone(runawayPid), 'the escaped sleep to be gone', 10_000);
  });

  it('SIGKILLs an escaped descendant that ignores SIGTERM, even after its parent died', async () => {
    // The escaped shell keeps stdout open, so `done` waits for it too.
    const run = start(
      { command: `setsid sh -c 'trap "" TERM; sleep 100' & wait` },
      { graceMs: 600 },
    );
    const pid = run.proc.pid ?? -1;
    let runaway: ProcInfo | undefined;
    await waitUntil(() => {
      runaway = childrenOf(pid).find((child) => child.sid !== pid && child.state !== 'Z');
      return runaway !== undefined && childrenOf(runaway.pid).length === 1;
    }, 'the escaped shell and its sleep');
    const runawayPid = runaway?.pid ?? -1;
    const [sleeper] = childrenOf(runawayPid);
    escaped.push(runawayPid, sleeper?.pid ?? -1);
    const began = Date.now();
    run.proc.kill();
    await waitUntil(() => isGone(pid), 'the root to die of SIGTERM');
    expect(isGone(runawayPid)).toBe(false);
    await run.proc.done;
    expect(Date.now() - began).toBeGreaterThanOrEqual(590);
    await waitUntil(
      () => isGone(runawayPid) && isGone(sleeper?.pid ?? -1),
      'the escaped tree to be gone',
    );
  });

  it('is idempotent, and a no-op once the process has ended', async () => {
    const run = start({ command: 'sleep 100' }, { graceMs: 20_000 });
    run.proc.kill();
    run.proc.kill();
    run.proc.kill();
    expect((await run.proc.done).signal).toBe('SIGTERM');
    run.proc.kill();
    const ended = start({ command: 'exit 0' });
    expect((await ended.proc.done).exitCode).toBe(0);
    ended.proc.kill();
  });
});
