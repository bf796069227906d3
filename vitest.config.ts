import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Inlined, electron-store's own `import electron` meets the test's vi.mock('electron')
    // (tests/main/quiet-electron-store.test.ts); left external, Node loads the real electron
    // package, which throws without its binary.
    server: { deps: { inline: ['electron-store'] } },
  },
});
