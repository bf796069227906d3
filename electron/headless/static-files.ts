import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** The window's Content-Security-Policy: nothing but our own files and our own socket. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Serves the built window from `root` (GET/HEAD only). A path can never leave `root`; unknown
 * paths without an extension get index.html, so the window's own routes reload fine.
 */
export function serveStatic(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const headers = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  } catch {
    response.writeHead(400, headers).end('Bad request');
    return;
  }
  const base = resolve(root);
  const wanted = normalize(join(base, pathname === '/' ? 'index.html' : pathname));
  if (pathname.includes('\0') || (wanted !== base && !wanted.startsWith(base + sep))) {
    response.writeHead(403, headers).end('Forbidden');
    return;
  }
  let file = wanted;
  let size: number;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw new Error('not a file');
    size = stats.size;
  } catch {
    if (extname(pathname) !== '') {
      response.writeHead(404, headers).end('Not found');
      return;
    }
    file = join(base, 'index.html');
    try {
      size = statSync(file).size;
    } catch {
      response.writeHead(404, headers).end('The window has not been built (npm run build)');
      return;
    }
  }
  const immutable = file.includes(`${sep}assets${sep}`);
  response.writeHead(200, {
    ...headers,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}
