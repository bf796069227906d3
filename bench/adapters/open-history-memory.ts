import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** What a fresh process holds once it has opened a history log and shown its first page. */
export interface OpenMemory {
  /** Bytes of JavaScript heap and of array buffers in use after a full garbage collection. */
  heldBytes: number;
  rssBytes: number;
}

const script = fileURLToPath(new URL('./open-history.js', import.meta.url));

/** Opens the history log of data folder `dir` in a fresh Node process (see open-history.ts). */
export async function measureOpenMemory(dir: string): Promise<OpenMemory> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', script, dir]);
  const figures = JSON.parse(stdout) as {
    items: number;
    heapUsed: number;
    arrayBuffers: number;
    rss: number;
  };
  if (figures.items === 0) throw new Error(`The log in ${dir} showed an empty first page`);
  return { heldBytes: figures.heapUsed + figures.arrayBuffers, rssBytes: figures.rss };
}
