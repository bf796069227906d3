import type { HostOptions } from './host.js';
import { bareHost, isLoopbackHost } from './listen-address.js';
import { UsageError } from './usage-error.js';

/** The flags `taskdeck serve` reads, as parseArgs gives them. */
export interface ServeFlags {
  host?: string | undefined;
  port?: string | undefined;
  token?: string | undefined;
  'no-examples'?: boolean | undefined;
  'allow-remote'?: boolean | undefined;
}

/**
 * `serve`'s flags checked before anything starts, each mistake a usage error naming its flag.
 * `--allow-remote` is what lets other machines in: on its own it listens on every interface,
 * with `--host` on that address, and it lets any Host name through (the token still guards
 * every call). Without it only a loopback `--host` is accepted.
 */
export function serveOptions(flags: ServeFlags, dataDir: string): HostOptions {
  const allowRemote = flags['allow-remote'] === true;
  const host = bareHost(flags.host ?? (allowRemote ? '0.0.0.0' : '127.0.0.1'));
  if (host === '') throw new UsageError('--host needs an address, e.g. 127.0.0.1');
  if (!allowRemote && !isLoopbackHost(host)) {
    throw new UsageError(
      `--host ${host} would let other machines connect; add --allow-remote to mean it`,
    );
  }
  const port = flags.port === undefined ? 7421 : Number(flags.port);
  if (flags.port !== undefined && (!/^\d{1,5}$/.test(flags.port) || port > 65_535)) {
    throw new UsageError(
      `--port must be a whole number from 0 to 65535 (0 picks a free port); got "${flags.port}"`,
    );
  }
  const token = flags.token;
  if (token !== undefined) {
    if (token === '') throw new UsageError('--token must not be empty');
    // A Bearer header carries no spaces, and control characters belong in no header.
    if (/[\s\p{Cc}]/u.test(token))
      throw new UsageError('--token must not contain spaces or control characters');
  }
  return {
    dataDir,
    host,
    port,
    ...(token === undefined ? {} : { token }),
    examples: flags['no-examples'] !== true,
    allowRemote,
  };
}
