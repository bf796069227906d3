import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How scripts reach a running Taskdeck: `endpoint.json` in its data folder. */
export interface Endpoint {
  url: string;
  token: string;
  pid: number;
}

export const ENDPOINT_FILE = 'endpoint.json';

/**
 * Writes `endpoint.json` readable by the user only (it holds the token); returns its remover,
 * which never throws. The file is written whole under a temporary name and renamed into
 * place: a reader never sees half of it, and the new file has mode 0600 even where an older
 * one (left by a crash) was readable by others, since writeFileSync's mode applies only to a
 * file it creates.
 */
export function writeEndpoint(folder: string, endpoint: Endpoint): () => void {
  const path = join(folder, ENDPOINT_FILE);
  const temporary = join(folder, `.${ENDPOINT_FILE}.${process.pid}.${randomUUID()}.tmp`);
  try {
    writeFileSync(temporary, `${JSON.stringify(endpoint, null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return () => {
    try {
      if (readEndpoint(folder)?.pid === endpoint.pid) rmSync(path, { force: true });
    } catch {
      // A read-only folder: the file stays, harmless, since nothing listens at its address.
    }
  };
}

/** Reads `endpoint.json`, or null when there is none (nothing running). */
export function readEndpoint(folder: string): Endpoint | null {
  try {
    const value = JSON.parse(
      readFileSync(join(folder, ENDPOINT_FILE), 'utf8'),
    ) as Partial<Endpoint>;
    if (
      typeof value.url !== 'string' ||
      typeof value.token !== 'string' ||
      typeof value.pid !== 'number'
    )
      return null;
    return { url: value.url, token: value.token, pid: value.pid };
  } catch {
    return null;
  }
}
