import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { terminateTree } from '../../../electron/adapters/process/terminate-tree.js';
import { forceKill, waitUntil } from './proc-helpers.js';

/**
 * Windows' sequence, run here with the platform given as win32 and a stand-in `taskkill` first
 * on PATH: a real program that logs how it was called and ends the process as Windows would —
 * `/F` always, without it only a process that honours a close request (here: SIGTERM).
 */
let bin = '';
let log = '';
const savedPath = process.env.PATH;
const started: number[] = [];
beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), 'taskdeck-taskkill-'));
  log = join(bin, 'calls.log');
  writeFileSync(log, '');
  writeFileSync(
    join(bin, 'taskkill'),
    [
      '#!/bin/sh',
      `echo "$*" >> '${log}'`,
      'case "$*" in',
      '  *"/F"*) kill -s KILL "$2" ;;',
      '  *) kill -s TERM "$2" ;;',
      'esac',
    ].join('\n'),
  );
  chmodSync(join(bin, 'taskkill'), 0o755);
  process.env.PATH = `${bin}:${savedPath ?? ''}`;
});
afterEach(() => {
  process.env.PATH = savedPath;
  for (const pid of started.splice(0)) forceKill(-pid);
  rmSync(bin, { recursive: true, force: true });
});

function target(script: string): { pid: number; exited: Promise<void> } {
  const child = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' });
  const pid = child.pid ?? -1;
  started.push(pid);
  return {
    pid,
    exited: new Promise((resolve) => {
      child.on('exit', () => {
        resolve();
      });
    }),
  };
}

const calls = () => readFileSync(log, 'utf8').split('\n').filter(Boolean);

describe.skipIf(process.platform === 'win32')('terminateTree on Windows (platform win32)', () => {
  it('asks the tree to close with taskkill /T, and forces it with /T /F after the grace period', async () => {
    const ready = join(bin, 'ready');
    const stubborn = target(`trap "" TERM; : > '${ready}'; while :; do sleep 0.05; done`);
    await waitUntil(() => existsSync(ready), 'the target to ignore SIGTERM');
    const began = Date.now();
    await terminateTree({ pid: stubborn.pid, pgid: null, startToken: null }, 600, 'win32');
    expect(Date.now() - began).toBeGreaterThanOrEqual(590);
    expect(calls()).toEqual([`/pid ${stubborn.pid} /T`, `/pid ${stubborn.pid} /T /F`]);
    await stubborn.exited;
  });

  it('stops at the polite request when the tree closes within the grace period', async () => {
    const polite = target('sleep 100');
    const began = Date.now();
    await terminateTree({ pid: polite.pid, pgid: null, startToken: null }, 5_000, 'win32');
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(calls()).toEqual([`/pid ${polite.pid} /T`]);
    await polite.exited;
  });
});
