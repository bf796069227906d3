import { spawnSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The repository root, where `dist/` is built. */
export const ROOT = join(import.meta.dirname, '..', '..', '..');
const SOURCES = ['electron/adapters/stores', 'electron/adapters/history'];

/**
 * Compiles dist/ when the adapters there are missing or older than their sources, so that child
 * processes (plain Node, no TypeScript) run the code under test.
 */
export async function ensureBuilt(): Promise<void> {
  let stale = false;
  for (const folder of SOURCES) {
    for (const name of (await readdir(join(ROOT, folder))).filter((n) => n.endsWith('.ts'))) {
      const source = await stat(join(ROOT, folder, name));
      const built = await stat(join(ROOT, 'dist', folder, name.replace(/\.ts$/, '.js'))).catch(
        () => null,
      );
      if (built === null || built.mtimeMs < source.mtimeMs) stale = true;
    }
  }
  if (!stale) return;
  const result = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // tsc emits despite type errors elsewhere in the tree; what matters is that ours are built.
  const built = await stat(join(ROOT, 'dist/electron/adapters/history/jsonl-history-store.js'))
    .then(() => true)
    .catch(() => false);
  if (!built) throw new Error(`Could not build dist/: ${result.stdout}${result.stderr}`);
}
