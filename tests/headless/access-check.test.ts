import { describe, expect, it } from 'vitest';
import { checkAccess, sameSecret } from '../../electron/headless/access-check.js';

const options = { port: 7421, token: 'secret-token', allowRemote: false };
const request = (headers: {
  host?: string;
  origin?: string;
  authorization?: string;
  url?: string;
}) => ({
  host: headers.host,
  origin: headers.origin,
  authorization: headers.authorization,
  url: headers.url ?? '/rpc?token=secret-token',
});

describe('access rules of API.md', () => {
  it.each(['127.0.0.1:7421', 'localhost:7421', '[::1]:7421', 'LOCALHOST:7421'])(
    'accepts Host %s',
    (host) => {
      expect(checkAccess(request({ host }), options)).toEqual({ ok: true });
    },
  );

  it.each(['evil.example:7421', '127.0.0.1:80', '127.0.0.1', 'localhost.evil.example:7421', ''])(
    'refuses Host "%s" (403)',
    (host) => {
      expect(checkAccess(request({ host }), options)).toMatchObject({ ok: false, status: 403 });
    },
  );

  it('a present Origin must be our own', () => {
    const host = '127.0.0.1:7421';
    expect(checkAccess(request({ host, origin: 'http://localhost:7421' }), options)).toEqual({
      ok: true,
    });
    expect(checkAccess(request({ host, origin: 'http://127.0.0.1:7421' }), options)).toEqual({
      ok: true,
    });
    for (const origin of [
      'http://evil.example',
      'https://127.0.0.1:7421',
      'http://127.0.0.1:7422',
      'null',
    ]) {
      expect(checkAccess(request({ host, origin }), options)).toMatchObject({
        ok: false,
        status: 403,
      });
    }
  });

  it('the token comes from the query or a Bearer header; missing or wrong is 401', () => {
    const host = 'localhost:7421';
    expect(
      checkAccess(request({ host, url: '/rpc', authorization: 'Bearer secret-token' }), options),
    ).toEqual({ ok: true });
    expect(checkAccess(request({ host, url: '/rpc' }), options)).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(checkAccess(request({ host, url: '/rpc?token=secret-tokeN' }), options)).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(
      checkAccess(request({ host, url: '/rpc', authorization: 'Basic secret-token' }), options),
    ).toMatchObject({ ok: false, status: 401 });
  });

  it('--allow-remote accepts other host names but still wants the token and a matching Origin', () => {
    const remote = { ...options, allowRemote: true };
    expect(
      checkAccess(request({ host: 'nas.local:7421', origin: 'http://nas.local:7421' }), remote),
    ).toEqual({ ok: true });
    expect(
      checkAccess(request({ host: 'nas.local:7421', origin: 'http://evil.example' }), remote),
    ).toMatchObject({ status: 403 });
    expect(checkAccess(request({ host: 'nas.local:7421', url: '/rpc' }), remote)).toMatchObject({
      status: 401,
    });
  });

  it('compares secrets of any length', () => {
    expect(sameSecret('a', 'a')).toBe(true);
    expect(sameSecret('a', 'ab')).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
  });
});
