import { readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 * which never throws.
 */
export function writeEndpoint(folder: string, endpoint: Endpoint): () => void {
  const path = join(folder, ENDPOINT_FILE);
  writeFileSync(path, `${JSON.stringify(endpoint, null, 2)}\n`, { mode: 0o600 });
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
