import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../../headless/host-process.js';
import type { HostChildOptions } from './host-child.js';

/** The user `nobody` on Debian and most Linux systems. */
const NOBODY = 65_534;

/**
 * A way, chosen for this machine, to make a data folder read-only for the host: chmod 0500 for
 * an ordinary user; as root (whom permission bits do not stop) chmod 0500 with the host run as
 * `nobody` (by a copy of this Node if nobody cannot reach this one), or else the immutable
 * attribute (`chattr +i`), which stops root too.
 */
export interface ReadOnlyFolders {
  /** Options that start the host as the user the protection applies to. */
  host: Partial<HostChildOptions>;
  /** Hands a freshly copied folder to that user. */
  adopt(dir: string): void;
  protect(dir: string): void;
  release(dir: string): void;
  /** Removes what the way set up (a copied Node). */
  dispose(): void;
}

/** The way this machine allows, or null; `how` says which, or why there is none. */
export interface ReadOnlyChoice {
  way: ReadOnlyFolders | null;
  how: string;
}

function chmodWay(host: Partial<HostChildOptions>, owner: number | null, dispose = () => {}) {
  return {
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
    dispose,
  };
}

/** Why `nobody` cannot run the host with `node`, or null when it can. */
function nobodyCannotRun(node: string): string | null {
  const probe = spawnSync(
    node,
    [
      '-e',
      `require('node:fs').accessSync(${JSON.stringify(CLI)}, require('node:fs').constants.R_OK)`,
    ],
    { uid: NOBODY, gid: NOBODY, encoding: 'utf8' },
  );
  if (probe.error !== undefined) return `cannot run ${node} (${probe.error.message})`;
  if (probe.status !== 0) return `cannot read ${CLI} (${probe.stderr.trim().split('\n')[0] ?? ''})`;
  return null;
}

/**
 * This Node copied into a folder everyone may enter: the one running the tests may sit where
 * nobody cannot reach it (npx keeps Node 24 under /root, which is 0700).
 */
function copyOfNode(): string {
  const dir = mkdtempSync(join(tmpdir(), 'taskdeck-node-'));
  chmodSync(dir, 0o755);
  const node = join(dir, 'node');
  copyFileSync(process.execPath, node);
  chmodSync(node, 0o755);
  return node;
}

/** Why `chattr +i` does not stop a write here, or null when it does. */
function immutableFails(): string | null {
  const probe = mkdtempSync(join(tmpdir(), 'taskdeck-immutable-'));
  try {
    const set = spawnSync('chattr', ['+i', probe], { encoding: 'utf8' });
    if (set.error !== undefined) return `chattr: ${set.error.message}`;
    if (set.status !== 0) return `chattr +i: ${set.stderr.trim()}`;
    try {
      writeFileSync(join(probe, 'x'), 'x');
      return 'chattr +i did not stop a write';
    } catch {
      return null;
    } finally {
      spawnSync('chattr', ['-i', probe]);
    }
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

function chattr(flag: '+i' | '-i', dir: string): void {
  const result = spawnSync('chattr', [flag, dir], { encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0)
    throw new Error(`chattr ${flag} ${dir} failed: ${result.stderr}`);
}

/** Finds the way this machine allows (see ReadOnlyFolders). */
export function readOnlyFolders(): ReadOnlyChoice {
  if (process.getuid?.() !== 0) return { way: chmodWay({}, null), how: 'chmod 0500' };
  const asNobody = { uid: NOBODY, gid: NOBODY, env: { HOME: tmpdir() } };
  const direct = nobodyCannotRun(process.execPath);
  if (direct === null) {
    return {
      way: chmodWay(asNobody, NOBODY),
      how: 'chmod 0500, the host run as nobody (root ignores permission bits)',
    };
  }
  const node = copyOfNode();
  const copied = nobodyCannotRun(node);
  const dropCopy = () => {
    rmSync(join(node, '..'), { recursive: true, force: true });
  };
  if (copied === null) {
    return {
      way: chmodWay({ ...asNobody, node }, NOBODY, dropCopy),
      how: `chmod 0500, the host run as nobody by ${node}, a copy of this Node ${process.version} (root ignores permission bits; nobody ${direct})`,
    };
  }
  dropCopy();
  const immutable = immutableFails();
  if (immutable === null) {
    return {
      way: {
        host: {},
        adopt: () => undefined,
        protect: (dir) => {
          chattr('+i', dir);
        },
        release: (dir) => {
          chattr('-i', dir);
        },
        dispose: () => undefined,
      },
      how: `chattr +i (root ignores permission bits; nobody ${direct}, and with a copy of Node ${copied})`,
    };
  }
  return {
    way: null,
    how:
      `no way to make a folder read-only for the host here, so skipped: the tests run as root, ` +
      `whom permission bits do not stop; nobody ${direct}, and with a copy of Node ${copied}; ` +
      immutable,
  };
}
