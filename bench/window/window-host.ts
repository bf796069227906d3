import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { connectRpc, type NodeRpcClient } from '../../electron/headless/node-rpc-client.js';

/** The built command line, beside this file in dist/ (`npm run build` makes it and the window). */
const CLI = fileURLToPath(new URL('../../electron/headless/cli.js', import.meta.url));
const FIRST_LINE = /^Taskdeck listening on (http:\/\/[^/]+)\/\?token=([A-Za-z0-9_-]+)$/;

/** A real `taskdeck serve` on its own data folder, with an API client for seeding. */
export interface WindowHost {
  /** The address a person opens (token included). */
  url: string;
  dataDir: string;
  rpc: NodeRpcClient;
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Stops the host (SIGTERM, SIGKILL after 5 s); removes the folder unless kept. */
  stop(options?: { keepDataDir?: boolean }): Promise<void>;
}

/** Starts `taskdeck serve --port 0 --no-examples` on `dataDir` (a new folder if none). */
export async function startWindowHost(dataDir?: string): Promise<WindowHost> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'taskdeck-window-bench-'));
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--data-dir', dir, '--port', '0', '--no-examples'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stderr.on('data', (data: Buffer) => (log += data.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      reject(new Error(`Taskdeck did not start within 30 s:\n${log}`));
    }, 30_000);
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
      const end = out.indexOf('\n');
      if (end === -1) return;
      clearTimeout(timer);
      resolve(out.slice(0, end));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Taskdeck exited (${code}) before listening:\n${log}`));
    });
  });
  const match = FIRST_LINE.exec(line);
  if (match?.[1] === undefined || match[2] === undefined) {
    child.kill('SIGKILL');
    throw new Error(`Unexpected first line from taskdeck serve: ${line}`);
  }
  const rpc = await connectRpc(match[1], match[2]);
  return {
    url: line.slice('Taskdeck listening on '.length),
    dataDir: dir,
    rpc,
    child,
    async stop(options = {}) {
      rpc.close();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => {
          child.once('exit', () => {
            resolve();
          });
        });
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      if (options.keepDataDir !== true) rmSync(dir, { recursive: true, force: true });
    },
  };
}
