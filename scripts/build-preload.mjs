// Bundles electron/preload.ts into ONE CommonJS file, dist/electron/preload.cjs: a sandboxed
// preload cannot load modules, so everything it imports (shared/errors, the IPC channels) is
// inlined and only 'electron' stays a require. Usage: node scripts/build-preload.mjs [outfile]
import { build } from 'esbuild';

const outfile = process.argv[2] ?? 'dist/electron/preload.cjs';

await build({
  entryPoints: ['electron/preload.ts'],
  outfile,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  // Electron 45's renderer is Chromium 142.
  target: 'chrome142',
  external: ['electron'],
  sourcemap: false,
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
});
