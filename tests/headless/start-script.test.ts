import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectRpc } from '../../electron/headless/node-rpc-client.js';
import { CLI, removeDataDir } from './host-process.js';

/** Whether this machine has the Electron binary (then `npm start` opens the app instead). */
function hasElectron(): boolean {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    return (
      existsSync(pathFile) && existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()))
    );
  } catch {
    return false;
  }
}

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) removeDataDir(dir);
});

describe('npm start', () => {
  it.skipIf(hasElectron())(
    'without the Electron binary says so in one line, starts the headless host, and stops once on Ctrl-C',
    async () => {
      expect(existsSync(CLI)).toBe(true);
      const dataDir = mkdtempSync(join(tmpdir(), 'taskdeck-start-'));
      folders.push(dataDir);
      // Its own process group, as a terminal's foreground job: a Ctrl-C goes to the group.
      const child = spawn(
        process.execPath,
        ['scripts/start.mjs', '--no-build', '--data-dir', dataDir, '--port', '0', '--no-examples'],
        { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
      child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      try {
        const lines = await new Promise<string[]>((resolve, reject) => {
          const timer = setTimeout(() => {
            reject(new Error(`no URL in 20 s: ${stdout} ${stderr}`));
          }, 20_000);
          child.stdout.on('data', () => {
            const got = stdout.split('\n');
            if (got.length > 2) {
              clearTimeout(timer);
              resolve(got.slice(0, 2));
            }
          });
        });
        expect(lines[0]).toBe(
          'Electron is not installed here (no binary was downloaded); starting the headless host instead.',
        );
        const match = /^Taskdeck listening on (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)$/.exec(
          lines[1] ?? '',
        );
        expect(match).not.toBeNull();
        const client = await connectRpc(match![1]!, decodeURIComponent(match![2]!));
        expect((await client.api.call('scheduler.status')).paused).toBe(false);
        client.close();

        // A person pressing Ctrl-C twice: the host gets one signal and stops gracefully.
        process.kill(-child.pid!, 'SIGINT');
        await new Promise((resolve) => setTimeout(resolve, 100));
        try {
          process.kill(-child.pid!, 'SIGINT');
        } catch (error) {
          // Already stopped within 100 ms: the second press found nothing to interrupt.
          if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
        }
        expect(await exited).toBe(0);
        expect(stderr).toContain('Taskdeck: SIGINT received; stopping');
        expect(existsSync(join(dataDir, 'endpoint.json'))).toBe(false);
        expect(existsSync(join(dataDir, 'taskdeck.lock'))).toBe(false);
      } finally {
        if (child.exitCode === null) {
          // The host runs in a group of its own: end it too, by the pid its lock names.
          const lock = join(dataDir, 'taskdeck.lock');
          if (existsSync(lock)) {
            const { pid } = JSON.parse(readFileSync(lock, 'utf8')) as { pid: number };
            process.kill(pid, 'SIGKILL');
          }
          process.kill(-child.pid!, 'SIGKILL');
        }
      }
    },
  );
});
