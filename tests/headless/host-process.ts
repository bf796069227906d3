import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectRpc, type NodeRpcClient } from '../../electron/headless/node-rpc-client.js';

/** The built command line (npm test builds dist/ before the suites). */
export const CLI = join(process.cwd(), 'dist/electron/headless/cli.js');

/** A real `taskdeck serve` child process on a fresh data folder. */
export interface HostProcess {
  child: ChildProcessWithoutNullStreams;
  /** The one line it printed on stdout. */
  line: string;
  url: string;
  token: string;
  port: number;
  dataDir: string;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  connect(): Promise<NodeRpcClient>;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves with the exit code once it has exited. */
  exited(): Promise<number | null>;
}

/** Starts `taskdeck serve --port 0 --no-examples` and waits for its one stdout line. */
export async function startHostProcess(
  options: {
    dataDir?: string;
    args?: string[];
    env?: NodeJS.ProcessEnv;
    /** Seed the example tasks (leaves out --no-examples). */
    examples?: boolean;
  } = {},
): Promise<HostProcess> {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: run npm run build first');
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'taskdeck-host-'));
  const child = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      '--data-dir',
      dataDir,
      '--port',
      '0',
      ...(options.examples === true ? [] : ['--no-examples']),
      ...(options.args ?? []),
    ],
    {
      env: { ...process.env, ...options.env },
    },
  );
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      reject(new Error(`host did not start in 20 s; stderr: ${stderr}`));
    }, 20_000);
    child.stdout.on('data', (data: Buffer) => {
      stdout += data.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(stdout.slice(0, newline));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}: ${stderr}`));
    });
  });
  const match = /^Taskdeck listening on (http:\/\/[^/]+)\/\?token=(\S+)$/.exec(line);
  if (match === null) throw new Error(`unexpected first line: ${line}`);
  const url = match[1] as string;
  const token = decodeURIComponent(match[2] as string);
  return {
    child,
    line,
    url,
    token,
    port: Number(new URL(url).port),
    dataDir,
    stderr: () => stderr,
    connect: () => connectRpc(url, token),
    exited: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
        else child.once('exit', resolve);
      }),
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve(child.exitCode);
          return;
        }
        child.once('exit', (code) => {
          resolve(code);
        });
        child.kill(signal);
      }),
  };
}

/** Removes a data folder made by startHostProcess. */
export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 10 });
}
