import { eventually } from '../support/eventually.js';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawText } from '../../electron/headless/raw-text.js';
import { MAX_BUFFERED_BYTES, MAX_MESSAGE_BYTES } from '../../electron/headless/rpc-server.js';
import type { NodeRpcClient } from '../../electron/headless/node-rpc-client.js';
import { removeDataDir } from '../headless/host-process.js';
import { startHost, type HostChild, type HostEndpoint } from './support/host-child.js';
import { rssBytes, tcpState } from './support/proc-readings.js';

/*
 * The JSON-RPC endpoint of the real host against clients that are wrong, hostile or greedy:
 * each is refused or answered cleanly, and a well-behaved client on another connection is
 * served within a second or two all along.
 */

const MIB = 1024 * 1024;
/** How long the well-behaved client may wait for an answer while others misbehave. */
const SERVED_WITHIN_MS = 2_000;

interface Reply {
  id?: unknown;
  result?: unknown;
  error?: {
    code: number;
    message: string;
    data?: { code: string; issues?: { path: (string | number)[] }[] };
  };
  method?: string;
}

/** A raw WebSocket to /rpc that collects every reply that is not an event. */
function rawClient(endpoint: HostEndpoint, headers: Record<string, string> = {}) {
  const ws = new WebSocket(`ws://127.0.0.1:${endpoint.port}/rpc?token=${endpoint.token}`, {
    headers,
  });
  const replies: Reply[] = [];
  ws.on('message', (data) => {
    const reply = JSON.parse(rawText(data)) as Reply;
    if (reply.method !== 'event') replies.push(reply);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
    });
  });
  // Errors after a refusal (EPIPE while a huge frame is still being sent) end in 'close'.
  ws.on('error', () => undefined);
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      resolve();
    });
    ws.once('unexpected-response', (_request, response) => {
      reject(new Error(`upgrade refused: ${response.statusCode ?? 0}`));
    });
  });
  return { ws, replies, closed, opened };
}

/** The HTTP status an upgrade gets (101 when it is accepted). */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', () => {
      resolve(0);
    });
  });
}

/**
 * Sends a WebSocket upgrade by hand, with exactly the `headers` given (no Host unless listed),
 * and resolves with the response's status once its head has arrived. The socket is paused
 * then: nothing more is read from it unless the caller resumes it.
 */
async function rawUpgrade(
  port: number,
  path: string,
  headers: string[],
): Promise<{ status: number; socket: Socket }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(
    [
      `GET ${path} HTTP/1.1`,
      ...headers,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Version: 13',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      '',
      '',
    ].join('\r\n'),
  );
  const status = await new Promise<number>((resolve, reject) => {
    let head = '';
    const onData = (data: Buffer) => {
      head += data.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.pause();
      resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1] ?? 0));
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
  return { status, socket };
}

describe('the JSON-RPC endpoint against hostile and greedy clients', () => {
  let host: HostChild & { endpoint: HostEndpoint };
  let watcher: NodeRpcClient;
  let dataDir: string;
  const latencies: number[] = [];

  /** The well-behaved client's call, timed; it must be answered within SERVED_WITHIN_MS. */
  async function served(): Promise<number> {
    const started = performance.now();
    const status = await watcher.api.call('scheduler.status');
    const ms = performance.now() - started;
    expect(status.paused).toBe(false);
    latencies.push(ms);
    expect(ms, 'the well-behaved client waited').toBeLessThan(SERVED_WITHIN_MS);
    return ms;
  }

  /** Calls `served` every 200 ms until `work` settles; returns the slowest answer. */
  async function servedThroughout<T>(work: Promise<T>): Promise<{ value: T; slowestMs: number }> {
    const state = { done: false };
    let slowestMs = 0;
    const poller = (async () => {
      while (!state.done) {
        slowestMs = Math.max(slowestMs, await served());
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    try {
      return { value: await work, slowestMs };
    } finally {
      state.done = true;
      await poller;
    }
  }

  beforeAll(async () => {
    console.log('wire: no seed: every frame, header and burst here is fixed, nothing is random');
    dataDir = mkdtempSync(join(tmpdir(), 'taskdeck-wire-'));
    host = await startHost({ dataDir });
    watcher = await host.connect();
  });

  afterAll(async () => {
    watcher.close();
    const exit = await host.stop('SIGTERM');
    removeDataDir(dataDir);
    console.log(
      `wire: the well-behaved client's ${latencies.length} calls took at most ` +
        `${Math.max(...latencies).toFixed(0)} ms (median ${[...latencies].sort((a, b) => a - b)[Math.floor(latencies.length / 2)]?.toFixed(1) ?? '?'} ms)`,
    );
    expect(exit.code).toBe(0);
  });

  it('refuses missing or wrong tokens (401) and foreign Origins or Hosts (403)', async () => {
    const { port, token } = host.endpoint;
    const rpc = `ws://127.0.0.1:${port}/rpc`;
    const cases: [string, string, Record<string, string>, number][] = [
      ['no token', rpc, {}, 401],
      ['an empty token', `${rpc}?token=`, {}, 401],
      ['a wrong token of the right length', `${rpc}?token=${'A'.repeat(token.length)}`, {}, 401],
      [
        'the token with its last character changed',
        `${rpc}?token=${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`,
        {},
        401,
      ],
      ['a prefix of the token', `${rpc}?token=${token.slice(0, 20)}`, {}, 401],
      ['the token and more', `${rpc}?token=${token}x`, {}, 401],
      ['a wrong Bearer token', rpc, { Authorization: 'Bearer nope' }, 401],
      ['an empty Bearer', rpc, { Authorization: 'Bearer ' }, 401],
      ['Basic instead of Bearer', rpc, { Authorization: `Basic ${token}` }, 401],
      [
        'a wrong Bearer beside a right query token',
        `${rpc}?token=${token}`,
        { Authorization: 'Bearer x' },
        401,
      ],
      ['Origin of another site', `${rpc}?token=${token}`, { Origin: 'http://evil.example' }, 403],
      ['Origin "null" (a sandboxed frame)', `${rpc}?token=${token}`, { Origin: 'null' }, 403],
      [
        'Origin on another port',
        `${rpc}?token=${token}`,
        { Origin: `http://127.0.0.1:${port + 1}` },
        403,
      ],
      ['Origin over https', `${rpc}?token=${token}`, { Origin: `https://127.0.0.1:${port}` }, 403],
      [
        'Origin with userinfo',
        `${rpc}?token=${token}`,
        { Origin: `http://127.0.0.1:${port}@evil.example` },
        403,
      ],
      [
        'Origin as a subdomain',
        `${rpc}?token=${token}`,
        { Origin: `http://localhost.evil.example:${port}` },
        403,
      ],
      [
        'Host of another name (DNS rebinding)',
        `${rpc}?token=${token}`,
        { Host: `evil.example:${port}` },
        403,
      ],
      ['Host without the port', `${rpc}?token=${token}`, { Host: '127.0.0.1' }, 403],
      ['Host on another port', `${rpc}?token=${token}`, { Host: `127.0.0.1:${port + 1}` }, 403],
      [
        'Host with a suffix',
        `${rpc}?token=${token}`,
        { Host: `127.0.0.1:${port}.evil.example` },
        403,
      ],
      ['Host of a LAN address', `${rpc}?token=${token}`, { Host: `192.168.1.10:${port}` }, 403],
      ['a wrong path', `ws://127.0.0.1:${port}/rpc/x?token=${token}`, {}, 404],
      [
        'the right token and origin',
        `${rpc}?token=${token}`,
        { Origin: `http://[::1]:${port}` },
        101,
      ],
      ['the right Bearer, no Origin', rpc, { Authorization: `Bearer ${token}` }, 101],
    ];
    const outcomes: string[] = [];
    for (const [label, url, headers, expected] of cases) {
      const status = await upgradeStatus(url, headers);
      outcomes.push(`${label}: ${status}${status === expected ? '' : ` (expected ${expected})`}`);
      await served();
    }
    // Headers a WebSocket library would not send: no Host at all, an empty one, two of them.
    const raw: [string, string[], number][] = [
      ['no Host header', [], 403],
      ['an empty Host header', ['Host: '], 403],
      [
        'two Host headers, a foreign one first',
        ['Host: evil.example', `Host: 127.0.0.1:${port}`],
        403,
      ],
      ['the right Host, by hand', [`Host: localhost:${port}`], 101],
    ];
    for (const [label, headers, expected] of raw) {
      const { status, socket } = await rawUpgrade(port, `/rpc?token=${token}`, headers);
      socket.destroy();
      outcomes.push(`${label}: ${status}${status === expected ? '' : ` (expected ${expected})`}`);
      await served();
    }
    const tally = new Map<string, number>();
    for (const line of outcomes) {
      const status = line.slice(line.lastIndexOf(': ') + 2);
      tally.set(status, (tally.get(status) ?? 0) + 1);
    }
    console.log(
      `wire: ${outcomes.length} upgrades answered ${[...tally].map(([status, n]) => `${n} × ${status}`).join(', ')}`,
    );
    expect(outcomes.filter((line) => line.includes('expected'))).toEqual([]);
  });

  it('answers every malformed frame once, keeps the connection, and refuses bad UTF-8', async () => {
    const client = rawClient(host.endpoint);
    await client.opened;
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const frames: [string, string | Buffer, number][] = [
      ['not JSON', 'not json', -32700],
      ['an empty frame', '', -32700],
      ['half an object', '{"jsonrpc":"2.0","id":1,', -32700],
      ['a binary frame', Buffer.from([0, 1, 2, 3]), -32600],
      ['a batch (not supported)', '[{"jsonrpc":"2.0","id":1,"method":"tasks.list"}]', -32600],
      ['null', 'null', -32600],
      ['a number', '42', -32600],
      ['a string', '"tasks.list"', -32600],
      ['an array nested a million deep', deep(1_000_000), -32600],
      ['JSON-RPC 1.0', '{"jsonrpc":"1.0","id":1,"method":"tasks.list"}', -32600],
      ['a method that is not a string', '{"jsonrpc":"2.0","id":1,"method":5}', -32600],
      ['an object id', '{"jsonrpc":"2.0","id":{},"method":"tasks.list"}', -32600],
      ['params as a list', '{"jsonrpc":"2.0","id":2,"method":"tasks.list","params":[1]}', -32602],
      ['params as a string', '{"jsonrpc":"2.0","id":3,"method":"tasks.list","params":"x"}', -32602],
      ['an unknown method', '{"jsonrpc":"2.0","id":4,"method":"__proto__"}', -32601],
      ['a prototype method name', '{"jsonrpc":"2.0","id":5,"method":"constructor"}', -32601],
      [
        'an id nested a million deep',
        `{"jsonrpc":"2.0","id":6,"method":"tasks.get","params":{"id":${deep(1_000_000)}}}`,
        -32602,
      ],
      [
        'a task document nested a million deep',
        `{"jsonrpc":"2.0","id":7,"method":"tasks.create","params":{"name":${deep(1_000_000)}}}`,
        -32602,
      ],
      [
        'a 3 MiB name',
        `{"jsonrpc":"2.0","id":8,"method":"tasks.create","params":{"name":"${'n'.repeat(3 * MIB)}","triggers":[{"type":"event","event":"manual"}],"action":{"type":"command","command":"true"}}}`,
        -32602,
      ],
    ];
    const sent = performance.now();
    for (const [, frame] of frames) client.ws.send(frame);
    await eventually(() => (client.replies.length >= frames.length ? true : undefined), 20_000);
    const answeredMs = performance.now() - sent;
    const waited = await served();
    const codes = client.replies.map((reply) => reply.error?.code ?? 0);
    console.log(
      `wire: ${frames.length} malformed frames answered in ${answeredMs.toFixed(0)} ms ` +
        `(codes ${[...codes].sort().join(' ')}); the well-behaved client then waited ${waited.toFixed(0)} ms`,
    );
    // Each frame is answered exactly once; replies with an id are matched by it.
    expect(codes.sort()).toEqual(frames.map(([, , code]) => code).sort());
    const byId = new Map(client.replies.map((reply) => [reply.id, reply.error?.code]));
    expect([2, 3, 4, 5, 6, 7, 8].map((id) => byId.get(id))).toEqual([
      -32602, -32602, -32601, -32601, -32602, -32602, -32602,
    ]);
    // The connection still works.
    client.ws.send('{"jsonrpc":"2.0","id":"ok","method":"scheduler.status"}');
    await eventually(() => (client.replies.some((r) => r.id === 'ok') ? true : undefined));
    expect(client.replies).toHaveLength(frames.length + 1);

    // A text frame that is not UTF-8 is a protocol error: closed with 1007, nothing else.
    client.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await client.closed).code).toBe(1007);
    await served();
  });

  it('rejects a merge patch nested 500,000 deep as invalid params, naming the field', async () => {
    const task = await watcher.api.call('tasks.create', {
      name: 'deep patch target',
      triggers: [{ type: 'event', event: 'manual' }],
      action: { type: 'command', command: 'true' },
    });
    const client = rawClient(host.endpoint);
    await client.opened;
    // Half a million levels: 3 MB, within the 4 MiB message limit.
    const nested = `${'{"a":'.repeat(500_000)}1${'}'.repeat(500_000)}`;
    client.ws.send(
      `{"jsonrpc":"2.0","id":1,"method":"tasks.update","params":{"id":"${task.id}","patch":{"description":${nested}}}}`,
    );
    const sent = performance.now();
    await eventually(() => (client.replies.length > 0 ? true : undefined), 20_000);
    console.log(
      `wire: a merge patch nested 500,000 deep answered in ${(performance.now() - sent).toFixed(0)} ms ` +
        `with ${client.replies[0]?.error?.code ?? 'no error'}`,
    );
    await served();
    client.ws.close();
    expect((await watcher.api.call('tasks.get', { id: task.id })).description).toBe('');
    await watcher.api.call('tasks.remove', { id: task.id });
    // API.md: params that fail validation are -32602 with the field's path, never "internal".
    const error = client.replies[0]?.error;
    expect({ code: error?.code, data: error?.data?.code }).toEqual({
      code: -32602,
      data: 'invalid_params',
    });
    expect(error?.data?.issues?.[0]?.path.slice(0, 2)).toEqual(['patch', 'description']);
  });

  const FRAME_BYTES = 200_000_000;
  it(`refuses a 200 MB frame with close code 1009 (limit ${MAX_MESSAGE_BYTES / MIB} MiB) and stays up`, async () => {
    const rssBefore = rssBytes(host.pid) ?? 0;
    const client = rawClient(host.endpoint);
    await client.opened;
    const started = performance.now();
    client.ws.send(
      `{"jsonrpc":"2.0","id":1,"method":"tasks.list","params":{"tag":"${'x'.repeat(FRAME_BYTES)}"}}`,
    );
    const { value: closed, slowestMs } = await servedThroughout(client.closed);
    const rssAfter = rssBytes(host.pid) ?? 0;
    console.log(
      `wire: 200 MB frame refused with ${closed.code} in ${(performance.now() - started).toFixed(0)} ms; ` +
        `host RSS ${(rssBefore / MIB).toFixed(0)} -> ${(rssAfter / MIB).toFixed(0)} MiB; ` +
        `the well-behaved client waited at most ${slowestMs.toFixed(0)} ms`,
    );
    expect(closed.code).toBe(1009);
    expect(client.replies).toEqual([]);
    // Refused from its header, the frame is never held: the host reads and drops the rest until
    // the client, busy sending it, answers the close. The dropped chunks stay in RSS until a GC
    // (tens of MiB under load); holding the frame would cost all of it.
    expect(rssAfter - rssBefore).toBeLessThan(FRAME_BYTES / 2);
    await served();
  });

  it('answers a burst of 10,000 requests on one connection, each id exactly once', async () => {
    const task = await watcher.api.call('tasks.create', {
      name: 'burst target',
      triggers: [{ type: 'cron', expression: '0 9 * * 1-5' }],
      action: { type: 'command', command: 'true' },
    });
    const client = rawClient(host.endpoint);
    await client.opened;
    const requests = Array.from({ length: 10_000 }, (_, i) => {
      const id = i % 7 === 0 ? `s${i}` : i;
      switch (i % 5) {
        case 0:
          return { jsonrpc: '2.0', id, method: 'scheduler.status' };
        case 1:
          return { jsonrpc: '2.0', id, method: 'tasks.get', params: { id: task.id } };
        case 2:
          return { jsonrpc: '2.0', id, method: 'tasks.list' };
        case 3:
          return { jsonrpc: '2.0', id, method: 'tasks.get', params: { id: 'not-an-id' } };
        default:
          return {
            jsonrpc: '2.0',
            id,
            method: 'triggers.preview',
            params: { trigger: { type: 'cron', expression: '*/5 * * * *' }, count: 3 },
          };
      }
    });
    const started = performance.now();
    for (const request of requests) client.ws.send(JSON.stringify(request));
    const { slowestMs } = await servedThroughout(
      eventually(() => (client.replies.length >= requests.length ? true : undefined), 60_000),
    );
    const ms = performance.now() - started;
    console.log(
      `wire: 10,000 requests on one connection answered in ${ms.toFixed(0)} ms ` +
        `(${((requests.length / ms) * 1000).toFixed(0)}/s); the well-behaved client waited at most ${slowestMs.toFixed(0)} ms`,
    );
    expect(client.replies).toHaveLength(requests.length);
    const answered = new Map(client.replies.map((reply) => [reply.id, reply]));
    expect(answered.size).toBe(requests.length);
    for (const [i, request] of requests.entries()) {
      const reply = answered.get(request.id);
      if (i % 5 === 3) expect(reply?.error?.code, `request ${i}`).toBe(-32602);
      else expect(reply?.result, `request ${i}`).toBeDefined();
    }
    client.ws.close();
    await watcher.api.call('tasks.remove', { id: task.id });
  });

  it('cuts off a client that never reads while tasks flood output; the host stays bounded', async () => {
    await watcher.api.call('settings.update', { maxRunningTasks: 4, killGraceMs: 500 });
    const rssBefore = rssBytes(host.pid) ?? 0;
    // Upgraded by hand and never read from again: the kernel buffers fill, then the host's.
    const { status, socket: greedy } = await rawUpgrade(
      host.endpoint.port,
      `/rpc?token=${host.endpoint.token}`,
      [`Host: 127.0.0.1:${host.endpoint.port}`],
    );
    expect(status).toBe(101);
    const clientPort = greedy.localPort ?? 0;
    const serverPort = host.endpoint.port;
    const floods = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        watcher.api.call('tasks.create', {
          name: `flood ${n}`,
          triggers: [{ type: 'event', event: 'manual' }],
          action: { type: 'command', command: 'yes "flooding the event stream, line after line"' },
          timeoutMs: 120_000,
        }),
      ),
    );
    const runs = await Promise.all(
      floods.map((task) => watcher.api.call('tasks.runNow', { id: task.id })),
    );
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssBytes(host.pid) ?? 0);
    }, 100);
    const started = performance.now();
    try {
      // The host's end of the connection leaves ESTABLISHED once it gives up on the client.
      const { slowestMs } = await servedThroughout(
        eventually(
          () => (tcpState(serverPort, clientPort) === 'ESTABLISHED' ? undefined : true),
          60_000,
        ),
      );
      const cutAfterMs = performance.now() - started;
      // Flooding goes on for a while; the host must not grow once the client is gone.
      const peakAtCut = peak;
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await served();
      const rssAfter = rssBytes(host.pid) ?? 0;
      for (const run of runs) await watcher.api.call('executions.cancel', { id: run.executionId });

      // What reached the client is bounded by the host's buffer limit (plus kernel buffers).
      greedy.resume();
      let received = 0;
      greedy.on('data', (data: Buffer) => (received += data.length));
      await new Promise<void>((resolve) => {
        greedy.on('close', () => {
          resolve();
        });
        greedy.on('error', () => undefined);
      });
      console.log(
        `wire: a client that never reads was cut off after ${(cutAfterMs / 1000).toFixed(1)} s ` +
          `(${(received / MIB).toFixed(1)} MiB had reached it; the limit is ${MAX_BUFFERED_BYTES / MIB} MiB); ` +
          `host RSS ${(rssBefore / MIB).toFixed(0)} MiB before, ${(peakAtCut / MIB).toFixed(0)} MiB at the cut, ` +
          `${(peak / MIB).toFixed(0)} MiB peak, ${(rssAfter / MIB).toFixed(0)} MiB 3 s later; ` +
          `the well-behaved client waited at most ${slowestMs.toFixed(0)} ms`,
      );
      expect(received).toBeLessThan(MAX_BUFFERED_BYTES + 64 * MIB);
      // Bounded: the buffer limit, one batch per client, the runs' output tails, V8's slack.
      expect(peak - rssBefore).toBeLessThan(MAX_BUFFERED_BYTES + 128 * MIB);
    } finally {
      clearInterval(sampler);
      greedy.destroy();
      for (const task of floods) await watcher.api.call('tasks.remove', { id: task.id });
    }
  }, 120_000);
});
