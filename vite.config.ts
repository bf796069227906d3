import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the window (renderer/) into dist/renderer with relative paths, for file:// and HTTP. */
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // One bundle for a local app: nothing is fetched over a network, so splitting buys nothing.
    chunkSizeWarningLimit: 1_500,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
