import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeSystemSignals } from '../../electron/adapters/system/node-system-signals.js';
import { openAppCore, type AppCore } from '../../electron/main/app-core.js';
import { QuitSequence } from '../../electron/main/quit-sequence.js';
import { commandTask } from './real-taskdeck.js';
import { makeTempDir, removeDir, waitFor } from './temp-dir.js';

const CLI = join(process.cwd(), 'dist/electron/headless/cli.js');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openCore(dataDir?: string): Promise<{ core: AppCore; dataDir: string }> {
  const dir = dataDir ?? (await makeTempDir('core'));
  if (dataDir === undefined) cleanups.push(() => removeDir(dir));
  const core = await openAppCore({
    dataDir: dir,
    Store: Conf,
    signals: new NodeSystemSignals(),
    examples: false,
  });
  cleanups.push(() => core.stop());
  return { core, dataDir: dir };
}

/** The pid of a process whose command line is exactly `argv` (Linux /proc), if any. */
function findProcess(argv: string[]): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8') === `${argv.join('\0')}\0`)
        return Number(entry);
    } catch {
      // It ended while we looked.
    }
  }
  return null;
}

/** Whether `pid` is a live process (a zombie waiting to be reaped counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/\)\s+Z\s/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('the quit sequence', () => {
  it('holds the quit until shutdown is done, once, and then lets it through', async () => {
    const steps: string[] = [];
    let finish!: () => void;
    const quit = new QuitSequence(
      () =>
        new Promise<void>((resolve) => {
          steps.push('shutdown');
          finish = resolve;
        }),
      () => steps.push('quit'),
    );
    const event = () => {
      const e = { prevented: false, preventDefault: () => (e.prevented = true) };
      return e;
    };
    expect(quit.quitting).toBe(false);
    const first = event();
    quit.onBeforeQuit(first);
    expect(first.prevented).toBe(true);
    expect(quit.quitting).toBe(true);
    const impatient = event();
    quit.onBeforeQuit(impatient);
    expect(impatient.prevented).toBe(true);
    expect(steps).toEqual(['shutdown']);
    finish();
    await quit.finished;
    expect(steps).toEqual(['shutdown', 'quit']);
    const last = event();
    quit.onBeforeQuit(last);
    expect(last.prevented).toBe(false);
  });

  it('still quits when a shutdown step fails, and says why', async () => {
    const logged: unknown[] = [];
    let quitted = false;
    const quit = new QuitSequence(
      () => Promise.reject(new Error('disk full')),
      () => (quitted = true),
      (_message, error) => logged.push(error),
    );
    quit.onBeforeQuit({ preventDefault: () => undefined });
    await quit.finished;
    expect(quitted).toBe(true);
    expect(String(logged[0])).toContain('disk full');
  });
});

describe('the app core (real stores, processes and endpoint)', () => {
  it('opens the loopback endpoint the taskdeck command scripts, with endpoint.json 0600', async () => {
    const { core, dataDir } = await openCore();
    await core.service.invoke('tasks.create', commandTask('Scripted', 'true'));
    const endpointFile = join(dataDir, 'endpoint.json');
    expect(statSync(endpointFile).mode & 0o777).toBe(0o600);
    const endpoint = JSON.parse(readFileSync(endpointFile, 'utf8')) as { url: string; pid: number };
    expect(endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(endpoint.pid).toBe(process.pid);

    expect(existsSync(CLI), 'dist/ is missing: run npm run build first').toBe(true);
    // Asynchronously: the endpoint answers from this very process.
    const listed = await promisify(execFile)(process.execPath, [
      CLI,
      'list',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect((JSON.parse(listed.stdout) as { name: string }[]).map((t) => t.name)).toEqual([
      'Scripted',
    ]);
  });

  it('holds the data folder: a headless host on it is refused, naming the app', async () => {
    const { dataDir } = await openCore();
    const lock = JSON.parse(readFileSync(join(dataDir, 'taskdeck.lock'), 'utf8')) as object;
    expect(lock).toMatchObject({ kind: 'app', pid: process.pid });
    const headless = spawnSync(
      process.execPath,
      [CLI, 'serve', '--data-dir', dataDir, '--port', '0', '--no-examples'],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(headless.status).not.toBe(0);
    expect(headless.stderr).toMatch(new RegExp(`Another Taskdeck \\(app, pid ${process.pid}`));
  });

  it('quits gracefully: the running command is stopped and recorded as interrupted, the folder freed', async () => {
    const { core, dataDir } = await openCore();
    await core.service.invoke('settings.update', { killGraceMs: 300 });
    const task = await core.service.invoke('tasks.create', commandTask('Long job', 'sleep 29.25'));
    const { executionId } = await core.service.invoke('tasks.runNow', { id: task.id });
    let pid = 0;
    await waitFor(
      async () => {
        const runs = await core.service.invoke('executions.list', { taskId: task.id });
        return runs.items[0]?.status === 'running';
      },
      10_000,
      'the run to start',
    );
    await waitFor(
      () => {
        pid = findProcess(['sleep', '29.25']) ?? 0;
        return pid > 0;
      },
      10_000,
      'the sleep process',
    );

    let quits = 0;
    const quit = new QuitSequence(
      () => core.stop(),
      () => quits++,
    );
    const started = Date.now();
    quit.onBeforeQuit({ preventDefault: () => undefined });
    await quit.finished;
    const took = Date.now() - started;
    expect(quits).toBe(1);
    expect(alive(pid)).toBe(false);
    // The grace period (300 ms) and the kill grace, not the 29 s the command wanted.
    expect(took).toBeLessThan(10_000);
    expect(existsSync(join(dataDir, 'endpoint.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'taskdeck.lock'))).toBe(false);

    const { core: reopened } = await openCore(dataDir);
    const run = await reopened.service.invoke('executions.get', { id: executionId });
    expect(run.status).toBe('interrupted');
    expect(run.error).toMatch(/stopped while it was running/);
  });
});
