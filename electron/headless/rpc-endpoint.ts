import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { writeEndpoint } from './endpoint-file.js';
import { attachRpc, type RpcTarget } from './rpc-server.js';
import { serveStatic } from './static-files.js';

/** Where and how the endpoint listens. */
export interface EndpointOptions {
  dataDir: string;
  host: string;
  port: number;
  token?: string;
  allowRemote: boolean;
  /** The built window to serve; omit to serve none (the Electron app loads its own). */
  rendererDir?: string;
}

/** A listening endpoint. */
export interface RunningEndpoint {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${host} is in use; choose another with --port`)
          : error,
      );
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/**
 * HTTP (the window's files, when given) and the JSON-RPC WebSocket on one port, and
 * `endpoint.json` so the command line finds it. The token is 32 random bytes (43 base64url
 * characters) unless one is given.
 */
export async function startEndpoint(
  target: RpcTarget,
  options: EndpointOptions,
): Promise<RunningEndpoint> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const rendererDir = options.rendererDir;
  const server = createServer((request, response) => {
    if (rendererDir === undefined) response.writeHead(404).end('Not found');
    else serveStatic(rendererDir, request, response);
  });
  let port = options.port;
  const rpc = attachRpc(server, target, {
    token,
    port: () => port,
    allowRemote: options.allowRemote,
  });
  port = await listen(server, options.port, options.host);
  const urlHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${urlHost}:${port}`;
  const removeEndpoint = writeEndpoint(options.dataDir, { url, token, pid: process.pid });
  return {
    url,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        removeEndpoint();
        rpc.close();
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
