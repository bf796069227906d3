import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run soak`: the long runs against the real headless host, one file at a time so that
 * they do not share the machine with each other. Not part of `npm test`.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['soak/**/*.soak.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60 * 60_000,
    hookTimeout: 120_000,
  },
});
