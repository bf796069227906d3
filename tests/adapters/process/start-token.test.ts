import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  parsePsStartTime,
  readStartToken,
} from '../../../electron/adapters/process/start-token.js';
import { reapSurvivors } from '../../../electron/adapters/process/survivor-reaper.js';
import { childrenOf, forceKill, isGone, procInfo, waitUntil } from './proc-helpers.js';

const groups: number[] = [];
afterEach(() => {
  for (const pgid of groups.splice(0)) forceKill(-pgid);
});

async function group(script: string): Promise<number> {
  const child = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' });
  const pid = child.pid ?? -1;
  groups.push(pid);
  await waitUntil(() => childrenOf(pid).length > 0, 'the group to start its child');
  return pid;
}

describe('parsePsStartTime', () => {
  it('keeps the words of `ps -o lstart=`, single-spaced, and nothing for no output', () => {
    expect(parsePsStartTime('Mon Nov  3 08:04:36 2026\n')).toBe('Mon Nov 3 08:04:36 2026');
    expect(parsePsStartTime('  Tue Dec 22 18:34:06 2026  ')).toBe('Tue Dec 22 18:34:06 2026');
    expect(parsePsStartTime('')).toBeNull();
    expect(parsePsStartTime(' \n')).toBeNull();
  });
});

// ps here is procps, whose `-o lstart` prints what macOS's does: the darwin path runs for real.
describe.skipIf(process.platform !== 'linux')('readStartToken', () => {
  it('reads /proc on Linux, asks ps on macOS and other POSIX systems, and has none on Windows', async () => {
    const pid = await group('sleep 100; exit 0');
    expect(readStartToken(pid, 'linux')).toBe(procInfo(pid)?.startTime);
    const token = readStartToken(pid, 'darwin');
    expect(token).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d{2}:\d{2}:\d{2} \d{4}$/);
    expect(readStartToken(pid, 'darwin')).toBe(token);
    expect(readStartToken(pid, 'freebsd')).toBe(token);
    expect(readStartToken(pid, 'win32')).toBeNull();
    expect(readStartToken(999_999_999, 'darwin')).toBeNull();
    expect(readStartToken(999_999_999, 'linux')).toBeNull();
  });

  it('reads the start time of a process whose name holds spaces and parentheses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'start-token-'));
    try {
      // The kernel's name for it is its file name (cut to 15 bytes): ") 1 2 (x) 3 4".
      const program = join(dir, ') 1 2 (x) 3 4');
      copyFileSync('/bin/sleep', program);
      const child = spawn(program, ['100'], { detached: true, stdio: 'ignore' });
      const pid = child.pid ?? -1;
      groups.push(pid);
      await waitUntil(() => procInfo(pid) !== null, 'the program to start');
      expect(readFileSync(`/proc/${pid}/comm`, 'utf8')).toBe(') 1 2 (x) 3 4\n');
      expect(readStartToken(pid, 'linux')).toMatch(/^\d+$/);
      expect(readStartToken(pid, 'linux')).toBe(procInfo(pid)?.startTime);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets the survivor reaper tell a recorded group from a reused pid by the ps token', async () => {
    const ours = await group('sleep 100; exit 0');
    const other = await group('sleep 100; exit 0');
    const oursToken = readStartToken(ours, 'darwin');
    const killed = await reapSurvivors(
      [
        { pgid: ours, startToken: oursToken },
        { pgid: other, startToken: 'Thu Jan 1 00:00:00 1970' },
      ],
      2_000,
      'darwin',
    );
    expect(killed).toEqual([{ pgid: ours, startToken: oursToken }]);
    await waitUntil(() => isGone(ours), 'the recorded group to be gone');
    expect(isGone(other)).toBe(false);
  });
});
