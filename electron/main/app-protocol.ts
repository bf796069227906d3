import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { APP_HOST } from './app-origin.js';
import { securityHeaders } from './security.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The app:// protocol handler (for `protocol.handle`): serves the built window from `rootDir`
 * with the security headers on every response. Only GET and HEAD on host `taskdeck`; a path
 * can never leave `rootDir`; a path without an extension that names no file gets index.html.
 */
export function createAppFileHandler(rootDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rootDir);
  const headers = securityHeaders();
  const answer = (status: number, text: string) =>
    new Response(text, {
      status,
      headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
    });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'Not allowed');
    let pathname: string;
    let host: string;
    try {
      const url = new URL(request.url);
      host = url.hostname.toLowerCase();
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return answer(400, 'Bad request');
    }
    if (host !== APP_HOST) return answer(404, 'Not found');
    const wanted = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
    if (pathname.includes('\0') || (wanted !== root && !wanted.startsWith(root + sep)))
      return answer(403, 'Forbidden');
    let file = wanted;
    if (!(await isFile(file))) {
      if (extname(pathname) !== '') return answer(404, 'Not found');
      file = join(root, 'index.html');
      if (!(await isFile(file)))
        return answer(404, 'The window has not been built (npm run build)');
    }
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        ...headers,
        'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': String(body.byteLength),
        'Cache-Control': 'no-cache',
      },
    });
  };
}
