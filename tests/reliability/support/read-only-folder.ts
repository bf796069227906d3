import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../../headless/host-process.js';
import type { HostChildOptions } from './host-child.js';

/** The user `nobody` on Debian and most Linux systems. */
const NOBODY = 65_534;

/**
 * A way, chosen for this machine, to make a data folder read-only for the host: chmod 0500 for
 * an ordinary user; as root (whom permission bits do not stop) chmod 0500 with the host run as
 * `nobody`, or else the immutable attribute (`chattr +i`), which stops root too.
 */
export interface ReadOnlyFolders {
  /** How, in a few words, for the test output. */
  how: string;
  /** Options that start the host as the user the protection applies to. */
  host: Partial<HostChildOptions>;
  /** Hands a freshly copied folder to that user. */
  adopt(dir: string): void;
  protect(dir: string): void;
  release(dir: string): void;
}

function chmodWay(how: string, host: Partial<HostChildOptions>, owner: number | null) {
  return {
    how,
    host,
    adopt: (dir: string) => {
      if (owner === null) return;
      for (const name of ['', ...readdirSync(dir, { recursive: true, encoding: 'utf8' })])
        chownSync(join(dir, name), owner, owner);
    },
    protect: (dir: string) => {
      chmodSync(dir, 0o500);
    },
    release: (dir: string) => {
      chmodSync(dir, 0o700);
    },
  };
}

/**
 * Whether `nobody` can run this Node and read the host's code: not so when Node lives under
 * root's home (as with npx), or the checkout is in a folder only root may enter.
 */
function nobodyRunsHost(): boolean {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `require('node:fs').accessSync(${JSON.stringify(CLI)}, require('node:fs').constants.R_OK)`,
    ],
    { uid: NOBODY, gid: NOBODY },
  );
  return probe.error === undefined && probe.status === 0;
}

function chattr(flag: '+i' | '-i', dir: string): boolean {
  const result = spawnSync('chattr', [flag, dir]);
  return result.error === undefined && result.status === 0;
}

/** Whether the immutable attribute works here (it needs root and a filesystem that has it). */
function immutableWorks(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'taskdeck-immutable-'));
  try {
    if (!chattr('+i', probe)) return false;
    try {
      writeFileSync(join(probe, 'x'), 'x');
      return false;
    } catch {
      return true;
    } finally {
      chattr('-i', probe);
    }
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** The way this machine allows, or null when none does (the tests then say so and skip). */
export function readOnlyFolders(): ReadOnlyFolders | null {
  if (process.getuid?.() !== 0) return chmodWay('chmod 0500', {}, null);
  if (nobodyRunsHost()) {
    return chmodWay(
      'chmod 0500, the host run as nobody (root ignores permission bits)',
      { uid: NOBODY, gid: NOBODY, env: { HOME: tmpdir() } },
      NOBODY,
    );
  }
  if (immutableWorks()) {
    return {
      how: 'chattr +i (root ignores permission bits, and nobody cannot run the host here)',
      host: {},
      adopt: () => undefined,
      protect: (dir) => {
        if (!chattr('+i', dir)) throw new Error(`chattr +i ${dir} failed`);
      },
      release: (dir) => {
        chattr('-i', dir);
      },
    };
  }
  return null;
}
