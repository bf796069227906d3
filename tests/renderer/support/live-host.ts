import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../../../electron/headless/host.js';
import { connectRpc, type NodeRpcClient } from '../../../electron/headless/node-rpc-client.js';

/** A real Taskdeck host (service, stores, processes, WebSocket) on a fresh data folder. */
export interface LiveHost {
  host: RunningHost;
  dataDir: string;
  /** A new JSON-RPC client over a real WebSocket, closed by `stop`. */
  connect(): Promise<NodeRpcClient>;
  /** Stops the host, closes the clients and removes the folder. */
  stop(): Promise<void>;
}

/** Starts a host in this process, as `taskdeck serve --port 0 --no-examples` would. */
export async function startLiveHost(
  options: { dataDir?: string; port?: number; token?: string } = {},
): Promise<LiveHost> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'taskdeck-window-'));
  const host = await startHost({
    dataDir,
    host: '127.0.0.1',
    port: options.port ?? 0,
    ...(options.token === undefined ? {} : { token: options.token }),
    examples: false,
    allowRemote: false,
  });
  const clients: NodeRpcClient[] = [];
  return {
    host,
    dataDir,
    async connect() {
      const client = await connectRpc(host.url, host.token);
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.close();
      await host.stop();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
