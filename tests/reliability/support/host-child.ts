import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connectRpc, type NodeRpcClient } from '../../../electron/headless/node-rpc-client.js';
import { CLI } from '../../headless/host-process.js';

/** Where a started host listens. */
export interface HostEndpoint {
  url: string;
  token: string;
  port: number;
}

/** How a host process ended. */
export interface HostExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A `taskdeck serve` child that may be killed at any moment, even before it listens: unlike
 * `startHostProcess`, starting never fails, and `ready` says whether it got that far.
 */
export interface HostChild {
  child: ChildProcessWithoutNullStreams;
  pid: number;
  /** The endpoint once the host printed its line; null if it exited first. */
  ready: Promise<HostEndpoint | null>;
  /** Settles once the process has exited and its pipes are closed. */
  exited: Promise<HostExit>;
  stdout(): string;
  stderr(): string;
  /** A JSON-RPC client; the host must be ready. */
  connect(): Promise<NodeRpcClient>;
  /** Sends `signal` (unless it already exited) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<HostExit>;
}

/** What to start the host with. */
export interface HostChildOptions {
  dataDir: string;
  /** Added to the test's environment (the host's commands inherit it). */
  env?: NodeJS.ProcessEnv;
  /** Extra `serve` flags. */
  args?: string[];
  /** Node flags before the script (e.g. `--max-old-space-size`). */
  nodeArgs?: string[];
  /** The Node binary that runs the host (default: the one running the tests). */
  node?: string;
  /** Run the host as this user and group (the test runs as root). */
  uid?: number;
  gid?: number;
}

/** The built command line; TASKDECK_CLI points the suites at another build of it. */
const cli = process.env['TASKDECK_CLI'] ?? CLI;

/** Starts `taskdeck serve --port 0 --no-examples` on `dataDir`; see HostChild. */
export function spawnHost(options: HostChildOptions): HostChild {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const child = spawn(
    options.node ?? process.execPath,
    [
      ...(options.nodeArgs ?? []),
      cli,
      'serve',
      '--data-dir',
      options.dataDir,
      '--port',
      '0',
      '--no-examples',
      ...(options.args ?? []),
    ],
    {
      env: { ...process.env, ...options.env },
      ...(options.uid === undefined ? {} : { uid: options.uid }),
      ...(options.gid === undefined ? {} : { gid: options.gid }),
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  const exited = new Promise<HostExit>((resolve) => {
    child.on('close', (code, signal) => {
      resolve({ code, signal });
    });
    // It could not be started at all (e.g. the user cannot run this Node): no 'close' follows.
    child.on('error', (error) => {
      stderr += String(error);
      resolve({ code: null, signal: null });
    });
  });
  const ready = new Promise<HostEndpoint | null>((resolve) => {
    child.stdout.on('data', (data: Buffer) => {
      stdout += data.toString();
      const match = /^Taskdeck listening on (http:\/\/[^/]+)\/\?token=(\S+)\n/.exec(stdout);
      if (match?.[1] !== undefined && match[2] !== undefined) {
        resolve({ url: match[1], token: match[2], port: Number(new URL(match[1]).port) });
      }
    });
    void exited.then(() => {
      resolve(null);
    });
  });
  return {
    child,
    pid: child.pid ?? -1,
    ready,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    connect: async () => {
      const endpoint = await ready;
      if (endpoint === null) throw new Error(`the host exited before listening: ${stderr}`);
      return connectRpc(endpoint.url, endpoint.token);
    },
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Spawns a host and waits until it listens; fails with its stderr if it exits instead. */
export async function startHost(
  options: HostChildOptions,
): Promise<HostChild & { endpoint: HostEndpoint }> {
  const host = spawnHost(options);
  const endpoint = await host.ready;
  if (endpoint === null) {
    const exit = await host.exited;
    throw new Error(
      `the host exited (${exit.code ?? exit.signal}) before listening: ${host.stderr()}`,
    );
  }
  return { ...host, endpoint };
}
