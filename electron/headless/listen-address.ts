import { isIP } from 'node:net';

/** `[::1]` as people write it in URLs is `::1` to `listen()`. */
export function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** True for addresses only this machine can reach: `localhost`, 127.0.0.0/8 and `::1`. */
export function isLoopbackHost(host: string): boolean {
  const bare = bareHost(host).toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** True for "every interface" (`0.0.0.0`, `::`). */
export function isWildcardHost(host: string): boolean {
  const bare = bareHost(host);
  return bare === '0.0.0.0' || bare === '::';
}

/**
 * The host part of a URL that reaches a server bound to `host` from this machine: a wildcard
 * bind is reached on loopback (`http://0.0.0.0:…` is no address a browser or client can use).
 */
export function urlHost(host: string): string {
  const bare = bareHost(host);
  if (bare === '::') return '[::1]';
  if (bare === '0.0.0.0') return '127.0.0.1';
  return isIP(bare) === 6 ? `[${bare}]` : bare;
}
