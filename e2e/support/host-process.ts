import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectRpc, type NodeRpcClient } from '../../dist/electron/headless/node-rpc-client.js';

/** The built command line; `npm run build` makes it (and the window it serves). */
export const CLI = resolve('dist/electron/headless/cli.js');
const FIRST_LINE = /^Taskdeck listening on (http:\/\/[^/]+)\/\?token=([A-Za-z0-9_-]+)$/;

/** A running `taskdeck serve` on its own data folder, with an API client for seeding. */
export interface HostProcess {
  /** The address the person opens: the host's printed URL, token included. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** A JSON-RPC client for seeding and checking, like the command line uses. */
  rpc: NodeRpcClient;
  /** What the host wrote to stderr (its log). */
  log(): string;
  /** Stops the host (SIGTERM, then SIGKILL after 5 s) and removes the folder unless kept. */
  stop(options?: { keepDataDir?: boolean }): Promise<void>;
}

/**
 * Starts `node dist/electron/headless/cli.js serve --port 0 --no-examples` on `dataDir` (a new
 * temporary folder if none); `port` and `token` bring a host back where a window expects it.
 */
export async function startHostProcess(
  dataDir?: string,
  options: { port?: number; token?: string } = {},
): Promise<HostProcess> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  if (!existsSync(resolve('dist/renderer/index.html'))) {
    throw new Error('dist/renderer is missing: run npm run build first');
  }
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'taskdeck-e2e-'));
  const child = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      '--data-dir',
      dir,
      '--port',
      String(options.port ?? 0),
      '--no-examples',
      ...(options.token === undefined ? [] : ['--token', options.token]),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  const line = await new Promise<string>((resolveLine, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      reject(new Error(`Taskdeck did not start within 20 s:\n${stderr}`));
    }, 20_000);
    child.stdout.on('data', (data: Buffer) => {
      stdout += data.toString();
      const end = stdout.indexOf('\n');
      if (end !== -1) {
        clearTimeout(timer);
        resolveLine(stdout.slice(0, end));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Taskdeck exited (${code}) before listening:\n${stderr}`));
    });
  });
  const match = FIRST_LINE.exec(line);
  if (match?.[1] === undefined || match[2] === undefined) {
    child.kill('SIGKILL');
    throw new Error(`Unexpected first line from taskdeck serve: ${line}`);
  }
  const origin = match[1];
  const token = match[2];
  const rpc = await connectRpc(origin, token);
  return {
    url: line.slice('Taskdeck listening on '.length),
    origin,
    token,
    dataDir: dir,
    child,
    rpc,
    log: () => stderr,
    async stop(options = {}) {
      rpc.close();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((done) =>
          child.once('exit', () => {
            done();
          }),
        );
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      if (options.keepDataDir !== true) rmSync(dir, { recursive: true, force: true });
    },
  };
}
