import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessSampler } from '../../../electron/adapters/process/create-process-sampler.js';
import {
  PidusageSampler,
  TREE_REFRESH_SAMPLES,
} from '../../../electron/adapters/process/pidusage-sampler.js';
import { ProcfsSampler } from '../../../electron/adapters/process/procfs-sampler.js';
import { forceKill, isGone, procInfo, waitUntil } from './proc-helpers.js';
import { spawnTree } from './process-trees.js';

describe('createProcessSampler', () => {
  it('reads /proc on Linux and uses pidusage everywhere else', () => {
    expect(createProcessSampler('linux')).toBeInstanceOf(ProcfsSampler);
    for (const platform of ['darwin', 'win32', 'freebsd'] as const) {
      expect(createProcessSampler(platform)).toBeInstanceOf(PidusageSampler);
    }
  });
});

/** Live processes in process group `pgid`, from /proc. */
function groupMembers(pgid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => procInfo(Number(name)))
    .filter((info) => info !== null && info.pgid === pgid && info.state !== 'Z')
    .map((info) => info?.pid ?? -1);
}

describe.skipIf(process.platform !== 'linux')('ProcfsSampler and process groups', () => {
  const roots: number[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) forceKill(-root);
  });

  it('keeps reading the group a shell leaves behind when it exits, until the group is gone', async () => {
    // The shell exits at once; its detached child stays in the group (and would keep the pipes).
    const shell = spawn('/bin/sh', ['-c', '(exec sleep 100) & exit 0'], {
      detached: true,
      stdio: 'ignore',
    });
    const root = shell.pid ?? -1;
    roots.push(root);
    await waitUntil(() => isGone(root) && groupMembers(root).length === 1, 'the shell to exit');
    // The sleeper's memory settles once it is past its start-up.
    await delay(200);
    const sampler = new ProcfsSampler();

    const reading = (await sampler.sample([root])).get(root);

    const [sleeper = -1] = groupMembers(root);
    const sleeperRss =
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${sleeper}/status`, 'utf8'))?.[1]) * 1024;
    // The stat file's count lags VmRSS a little (the kernel batches per-thread counters).
    expect(Math.abs((reading?.rssBytes ?? 0) - sleeperRss)).toBeLessThanOrEqual(sleeperRss / 4);
    forceKill(-root);
    await waitUntil(() => groupMembers(root).length === 0, 'the group to be gone');
    expect((await sampler.sample([root])).has(root)).toBe(false);
  });
});

describe.skipIf(process.platform === 'win32')('PidusageSampler and ps', () => {
  let bin = '';
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
    rmSync(bin, { recursive: true, force: true });
  });

  /** Puts a `ps` first on PATH that logs each run and then runs the real one. */
  function countPs(): () => number {
    bin = mkdtempSync(join(tmpdir(), 'taskdeck-ps-'));
    const log = join(bin, 'runs.log');
    writeFileSync(log, '');
    writeFileSync(
      join(bin, 'ps'),
      `#!/bin/sh\necho run >> '${log}'\nexec /usr/bin/env -u PATH ps "$@"\n`,
    );
    chmodSync(join(bin, 'ps'), 0o755);
    process.env.PATH = `${bin}:${savedPath ?? ''}`;
    return () => readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
  }

  it(`reads the process table once per ${TREE_REFRESH_SAMPLES} samples, and again once a member is gone`, async () => {
    const { root, kids } = await spawnTree('sleep 100 & sleep 100 & wait', 2);
    const runs = countPs();
    const sampler = new PidusageSampler();
    // Reads at samples 1, 1 + N and 1 + 2N; the next one is not due yet after these.
    const samples = 3 * TREE_REFRESH_SAMPLES - 1;
    const rss: number[] = [];
    for (let i = 0; i < samples; i++)
      rss.push((await sampler.sample([root])).get(root)?.rssBytes ?? 0);
    expect(runs()).toBe(3);
    // Every sample still reads the whole tree: the shell and both children.
    expect(Math.min(...rss)).toBeGreaterThan(0);

    forceKill(kids[0] ?? -1);
    // Reaped by its shell: a zombie still has a stat file.
    await waitUntil(() => procInfo(kids[0] ?? -1) === null, 'a child to be gone');
    const fewer = (await sampler.sample([root])).get(root)?.rssBytes ?? 0;
    expect(fewer).toBeLessThan(Math.min(...rss));
    expect(runs()).toBe(3);
    await sampler.sample([root]);
    expect(runs()).toBe(4);
  });
});
