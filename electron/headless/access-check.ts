import { createHash, timingSafeEqual } from 'node:crypto';

/** What an incoming upgrade or request says about itself. */
export interface AccessRequest {
  host: string | undefined;
  origin: string | undefined;
  authorization: string | undefined;
  /** The request path with its query, e.g. `/rpc?token=abc`. */
  url: string | undefined;
}

export type AccessVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Compares two secrets in constant time (hashing first makes the lengths equal). */
export function sameSecret(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

function tokenOf(request: AccessRequest): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.authorization ?? '');
  if (bearer?.[1] !== undefined) return bearer[1];
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token');
  return query;
}

/**
 * The host's rules of API.md for the RPC endpoint: the Host header must name this host (one of
 * the loopback names or the bound address, with our port, unless remote access is allowed:
 * then any name people reach the machine by) so DNS rebinding cannot
 * reach us; an Origin, when present, must be our own; and the token must match.
 */
export function checkAccess(
  request: AccessRequest,
  options: { port: number; token: string; allowRemote: boolean; ownHost?: string },
): AccessVerdict {
  const host = request.host?.toLowerCase();
  // The bound address itself (e.g. another loopback address) is as much our own as 127.0.0.1.
  const names =
    options.ownHost === undefined || LOOPBACK_NAMES.includes(options.ownHost.toLowerCase())
      ? LOOPBACK_NAMES
      : [...LOOPBACK_NAMES, options.ownHost.toLowerCase()];
  const ownHosts = names.map((name) => `${name}:${options.port}`);
  const hostOk =
    host !== undefined && (ownHosts.includes(host) || (options.allowRemote && host.length > 0));
  if (!hostOk) return { ok: false, status: 403, reason: 'Host not allowed' };
  if (request.origin !== undefined) {
    const allowed = options.allowRemote ? [...ownHosts, host] : ownHosts;
    if (!allowed.some((name) => request.origin?.toLowerCase() === `http://${name}`)) {
      return { ok: false, status: 403, reason: 'Origin not allowed' };
    }
  }
  const token = tokenOf(request);
  if (token === null || !sameSecret(token, options.token))
    return { ok: false, status: 401, reason: 'Missing or wrong token' };
  return { ok: true };
}
