import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFileHandler } from '../../electron/main/app-protocol.js';
import { makeTempDir, removeDir } from './temp-dir.js';

let root: string;
let outside: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  outside = await makeTempDir('protocol');
  root = join(outside, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Taskdeck</title>');
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'inter.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  await writeFile(join(outside, 'secret.txt'), 'do not serve');
  handle = createAppFileHandler(root);
});
afterAll(async () => {
  await removeDir(outside);
});

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('the app:// protocol', () => {
  it('serves the window with the CSP and the right types', async () => {
    const page = await get('app://taskdeck/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Taskdeck</title>');

    const script = await get('app://taskdeck/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    const font = await get('app://taskdeck/assets/inter.woff2');
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(new Uint8Array(await font.arrayBuffer())).toEqual(
      new Uint8Array([0x77, 0x4f, 0x46, 0x32]),
    );
  });

  it('gives index.html for the root and for routes, 404 for missing files', async () => {
    expect(await (await get('app://taskdeck/')).text()).toContain('Taskdeck');
    expect(await (await get('app://taskdeck/tasks/123')).text()).toContain('Taskdeck');
    const missing = await get('app://taskdeck/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('never serves anything outside its folder', async () => {
    for (const url of [
      'app://taskdeck/..%2fsecret.txt',
      'app://taskdeck/%2e%2e/secret.txt',
      'app://taskdeck/assets/..%2f..%2fsecret.txt',
      'app://taskdeck/%2e%2e%5csecret.txt',
      'app://taskdeck/index.html%00.js',
    ]) {
      const response = await get(url);
      expect([403, 404], url).toContain(response.status);
      expect(await response.text(), url).not.toContain('do not serve');
    }
  });

  it('answers only GET and HEAD on its own host', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('app://taskdeck/index.html', 'POST')).status).toBe(405);
    const head = await get('app://taskdeck/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(
      String('<!doctype html><title>Taskdeck</title>'.length),
    );
    expect(await head.text()).toBe('');
  });

  it('says the window is not built when index.html is missing', async () => {
    const empty = await makeTempDir('protocol-empty');
    try {
      const response = await createAppFileHandler(empty)(new Request('app://taskdeck/'));
      expect(response.status).toBe(404);
      expect(await response.text()).toMatch(/npm run build/);
    } finally {
      await removeDir(empty);
    }
  });
});
