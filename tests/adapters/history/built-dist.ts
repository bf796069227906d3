import { spawnSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The repository root, where `dist/` is built. */
export const ROOT = join(import.meta.dirname, '..', '..', '..');
/** Everything the compiled stores import: the adapters, the engine's types and helpers, shared/. */
const SOURCES = ['shared', 'electron/core', 'electron/adapters'];

/** Whether some `.ts` file under `folder` is newer than its compiled `.js` (or has none). */
async function staleUnder(folder: string): Promise<boolean> {
  const names = await readdir(join(ROOT, folder), { recursive: true });
  for (const name of names.filter((n) => n.endsWith('.ts') && !n.endsWith('.d.ts'))) {
    const source = await stat(join(ROOT, folder, name));
    const built = await stat(join(ROOT, 'dist', folder, name.replace(/\.ts$/, '.js'))).catch(
      () => null,
    );
    if (built === null || built.mtimeMs < source.mtimeMs) return true;
  }
  return false;
}

/**
 * Compiles dist/ when any source the stores depend on is missing from it or newer than its
 * build, so that child processes (plain Node, no TypeScript) run the code under test.
 */
export async function ensureBuilt(): Promise<void> {
  let stale = false;
  for (const folder of SOURCES) if (!stale) stale = await staleUnder(folder);
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
