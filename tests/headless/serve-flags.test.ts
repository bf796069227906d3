import { eventually } from '../support/eventually.js';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { connectRpc } from '../../electron/headless/node-rpc-client.js';
import { CLI, removeDataDir, startHostProcess, type HostProcess } from './host-process.js';

const hosts: HostProcess[] = [];
async function host(args: string[]) {
  const started = await startHostProcess({ args });
  hosts.push(started);
  return started;
}
afterEach(async () => {
  for (const started of hosts.splice(0)) {
    await started.stop('SIGKILL');
    removeDataDir(started.dataDir);
  }
});

/** `taskdeck serve` with flags that must be refused before anything starts. */
function refusedServe(...flags: string[]) {
  const dataDir = join(tmpdir(), `taskdeck-never-${process.pid}-${Math.random()}`);
  const result = spawnSync(process.execPath, [CLI, 'serve', '--data-dir', dataDir, ...flags], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  // Refused before the data folder is even created.
  expect(existsSync(dataDir)).toBe(false);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** This machine's first IPv4 address other than loopback, if it has one. */
function lanAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
}

/** Opens the RPC socket at `address` and resolves with the outcome. */
function reach(address: string, port: number, token: string): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${address}:${port}/rpc?token=${token}`);
    ws.on('open', () => {
      resolve('open');
      ws.close();
    });
    ws.on('unexpected-response', (_request, response) => {
      resolve(`HTTP ${response.statusCode}`);
      ws.terminate();
    });
    ws.on('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code ?? error.message);
    });
  });
}

describe('taskdeck serve flags', () => {
  it.each([
    [['--token', ''], 'taskdeck: --token must not be empty\n'],
    [['--token', 'has space'], 'taskdeck: --token must not contain spaces or control characters\n'],
    [
      ['--port', 'abc'],
      'taskdeck: --port must be a whole number from 0 to 65535 (0 picks a free port); got "abc"\n',
    ],
    [
      ['--port', '70000'],
      'taskdeck: --port must be a whole number from 0 to 65535 (0 picks a free port); got "70000"\n',
    ],
    [
      ['--host', '0.0.0.0'],
      'taskdeck: --host 0.0.0.0 would let other machines connect; add --allow-remote to mean it\n',
    ],
    [
      ['--host', '192.0.2.1'],
      'taskdeck: --host 192.0.2.1 would let other machines connect; add --allow-remote to mean it\n',
    ],
    [['--bogus'], "taskdeck: Unknown option '--bogus'; see taskdeck --help\n"],
    [['--port'], "taskdeck: Option '--port <value>' argument missing; see taskdeck --help\n"],
  ])('refuses %j as a usage error (exit 2, one line)', (flags, stderr) => {
    expect(refusedServe(...flags)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('a given token is URL-encoded in the printed line and works as given', async () => {
    const token = 'my/secret+token?&=%';
    const h = await host(['--token', token]);
    expect(h.line).toBe(`Taskdeck listening on ${h.url}/?token=my%2Fsecret%2Btoken%3F%26%3D%25`);
    const client = await connectRpc(h.url, token);
    expect((await client.api.call('scheduler.status')).paused).toBe(false);
    client.close();
    const endpoint = JSON.parse(readFileSync(join(h.dataDir, 'endpoint.json'), 'utf8')) as {
      token: string;
    };
    expect(endpoint.token).toBe(token);
  });

  it('a loopback --host other than 127.0.0.1 needs no --allow-remote and is its own host', async () => {
    const h = await host(['--host', '127.0.0.2']);
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    expect(await reach('127.0.0.2', h.port, h.token)).toBe('open');
  });

  it('without --allow-remote other interfaces are not listened on', async () => {
    const lan = lanAddress();
    const h = await host([]);
    if (lan !== undefined) expect(await reach(lan, h.port, h.token)).toBe('ECONNREFUSED');
    expect(await reach('127.0.0.1', h.port, h.token)).toBe('open');
  });

  it.each([[['--allow-remote']], [['--allow-remote', '--host', '0.0.0.0']]])(
    '%j listens on every interface and writes a loopback URL to endpoint.json',
    async (flags) => {
      const h = await host(flags);
      expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const endpoint = JSON.parse(readFileSync(join(h.dataDir, 'endpoint.json'), 'utf8')) as {
        url: string;
      };
      expect(endpoint.url).toBe(h.url);
      const note = `accepting connections on every interface (port ${h.port}); other machines need the token`;
      await eventually(() => (h.stderr().includes(note) ? true : undefined));
      expect(await reach('127.0.0.1', h.port, h.token)).toBe('open');
      const lan = lanAddress();
      if (lan !== undefined) {
        expect(await reach(lan, h.port, h.token)).toBe('open');
        expect(await reach(lan, h.port, 'wrong')).toBe('HTTP 401');
      }
    },
  );
});
