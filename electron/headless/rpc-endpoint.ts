import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { writeEndpoint } from './endpoint-file.js';
import { bareHost, urlHost } from './listen-address.js';
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
      if (error.code === 'EADDRINUSE')
        reject(new Error(`Port ${port} on ${host} is in use; choose another with --port`));
      else if (error.code === 'EADDRNOTAVAIL')
        reject(new Error(`${host} is not an address of this machine; choose another with --host`));
      else reject(error);
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/** A port bound but not yet serving the API: nothing has been started behind it. */
export interface BoundEndpoint {
  port: number;
  url: string;
  /** Serves the API on the bound port and writes `endpoint.json`. */
  serve(target: RpcTarget): RunningEndpoint;
  /** Gives the port back without ever having served. */
  close(): Promise<void>;
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}

/**
 * Binds the port first, so a host can fail on a busy port before it starts anything (an
 * engine started first would already run catch-up jobs). Until `serve`, WebSocket upgrades
 * find no listener and are dropped, and no `endpoint.json` names the port.
 */
export async function bindEndpoint(options: EndpointOptions): Promise<BoundEndpoint> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const rendererDir = options.rendererDir;
  const server = createServer((request, response) => {
    if (rendererDir === undefined) response.writeHead(404).end('Not found');
    else serveStatic(rendererDir, request, response);
  });
  const host = bareHost(options.host);
  const port = await listen(server, options.port, host);
  const url = `http://${urlHost(host)}:${port}`;
  return {
    port,
    url,
    serve(target) {
      // The file first: when it cannot be written, nothing has been attached.
      const removeEndpoint = writeEndpoint(options.dataDir, { url, token, pid: process.pid });
      const rpc = attachRpc(server, target, {
        token,
        port: () => port,
        allowRemote: options.allowRemote,
        ownHost: urlHost(host),
      });
      return {
        url,
        token,
        port,
        close: () => {
          removeEndpoint();
          rpc.close();
          return closeServer(server);
        },
      };
    },
    close: () => closeServer(server),
  };
}

/**
 * HTTP (the window's files, when given) and the JSON-RPC WebSocket on one port, and
 * `endpoint.json` so the command line finds it. The token is 32 random bytes (43 base64url
 * characters) unless one is given. A wildcard `host` is written to `endpoint.json` as
 * loopback, the address this machine's clients can use.
 */
export async function startEndpoint(
  target: RpcTarget,
  options: EndpointOptions,
): Promise<RunningEndpoint> {
  return (await bindEndpoint(options)).serve(target);
}
