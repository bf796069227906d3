import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // The engine loads its zod validation on first need with `require`, which cannot load the
    // TypeScript sources the tests run: it is supplied up front instead.
    setupFiles: ['tests/setup/library-validation.ts'],
    // Inlined, electron-store's own `import electron` meets the test's vi.mock('electron')
    // (tests/main/quiet-electron-store.test.ts); left external, Node loads the real electron
    // package, which throws without its binary.
    server: { deps: { inline: ['electron-store'] } },
  },
});
