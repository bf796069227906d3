import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, serveStatic } from '../../electron/headless/static-files.js';
import { removeDataDir } from './host-process.js';

let server: Server;
let port: number;
const base = mkdtempSync(join(tmpdir(), 'taskdeck-static-'));
const root = join(base, 'renderer');

beforeAll(async () => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Taskdeck</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'do not serve');
  server = createServer((req, res) => {
    serveStatic(root, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => {
  server.close();
  removeDataDir(base);
});

/** A raw GET, so paths are sent exactly as written (no client-side normalising). */
function get(
  path: string,
  method = 'GET',
): Promise<{
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static files of the window', () => {
  it('serves index.html with a strict CSP and the assets with long caching', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const asset = await get('/assets/app.js');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('never leaves its folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
      '/..%00/secret.txt',
    ]) {
      const response = await get(path);
      expect(response.body).not.toContain('do not serve');
      expect([400, 403, 404]).toContain(response.status);
    }
  });

  it('falls back to index.html for window routes, 404 for missing files, 405 for other methods', async () => {
    expect((await get('/tasks/123')).body).toContain('<title>Taskdeck</title>');
    expect((await get('/assets/missing.js')).status).toBe(404);
    expect((await get('/', 'POST')).status).toBe(405);
  });
});
