import { execFileSync } from 'node:child_process';
import { readStartTime } from './procfs.js';

/** `ps -o lstart=` output as a token: its words, single-spaced; null when there are none. */
export function parsePsStartTime(output: string): string | null {
  const words = output.trim().split(/\s+/).filter(Boolean);
  return words.length === 0 ? null : words.join(' ');
}

/** Asks ps when `pid` started (to the second); null when it does not exist or ps fails. */
function psStartTime(pid: number): string | null {
  try {
    const output = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      // The C locale: the same words whoever runs it, so tokens compare across runs.
      env: { ...process.env, LC_ALL: 'C' },
      timeout: 2_000,
    });
    return parsePsStartTime(output);
  } catch {
    return null;
  }
}

/**
 * An identity for a live process, so that a reused pid is never mistaken for it: on Linux its
 * start time from /proc (clock ticks after boot), on other POSIX systems its start time as ps
 * tells it (one `ps` run, once per call: at spawn and when reaping, never per sample), null on
 * Windows and for a pid that does not exist.
 */
export function readStartToken(
  pid: number,
  platform: NodeJS.Platform = process.platform,
): string | null {
  if (platform === 'linux') return readStartTime(pid);
  if (platform === 'win32') return null;
  return psStartTime(pid);
}
