import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Readable } from 'node:stream';

/** How to read a login environment; every field has a default. */
export interface LoginEnvironmentOptions {
  /** The login shell; default $SHELL, then the account's shell (passwd), then /bin/sh. */
  shell?: string;
  /** How long the shell may take before the fallback is used; default 5 s. */
  timeoutMs?: number;
  /** The environment the shell starts from and the fallback; default process.env. */
  base?: NodeJS.ProcessEnv;
}

const DEFAULT_TIMEOUT_MS = 5_000;
/** A sane environment is a few KiB; a shell printing without end is not one. */
const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;
/** The shell's own bookkeeping, which would be wrong in a command started elsewhere. */
const SHELL_STATE = ['PWD', 'OLDPWD', 'SHLVL', '_'];

function copyOf(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value;
  return out;
}

/** The account's login shell from the user database, or null where there is none (Windows). */
function accountShell(): string | null {
  try {
    return userInfo().shell;
  } catch {
    // No entry for this uid (a container's made-up user): nothing to go by.
    return null;
  }
}

/** Quotes text for sh, bash, zsh and fish alike (the text holds no backslash). */
function quote(text: string): string {
  return `'${text.replaceAll("'", `'"'"'`)}'`;
}

/** Parses `name=value` entries separated by NUL, leaving out the names in `skip`. */
function parseEntries(text: string, skip: ReadonlySet<string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of text.split('\0')) {
    const eq = entry.indexOf('=');
    const name = entry.slice(0, eq);
    if (eq > 0 && !skip.has(name)) env[name] = entry.slice(eq + 1);
  }
  return env;
}

/**
 * Reads the environment a login shell sets up (`$SHELL -l -i -c`, without a terminal), since a
 * window started from a desktop lacks the user's PATH; SHELL is set to that shell when the
 * environment has none. Falls back to the base environment on any failure or after the
 * timeout; on Windows returns the base environment. Never rejects.
 */
export function readLoginEnvironment(
  options: LoginEnvironmentOptions = {},
): Promise<Record<string, string>> {
  const base = options.base ?? process.env;
  const fallback = copyOf(base);
  if (process.platform === 'win32') return Promise.resolve(fallback);
  // A session started from a desktop may have no $SHELL: the account still names its shell.
  const shell = options.shell ?? base.SHELL ?? accountShell() ?? '/bin/sh';
  const marker = `__TASKDECK_ENV_${randomUUID()}__`;
  // Node itself prints the environment, the same way under every shell; ELECTRON_RUN_AS_NODE
  // makes Electron's binary behave as Node. The markers fence off start-up noise (motd, echoes).
  const script = `process.stdout.write("${marker}" + Object.entries(process.env).map(([k, v]) => k + "=" + v).join(String.fromCharCode(0)) + "${marker}")`;
  const command = `${quote(process.execPath)} -e ${quote(script)}`;
  return new Promise((resolve) => {
    let finished = false;
    const finish = (env: Record<string, string>) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      resolve(env);
    };
    const chunks: Buffer[] = [];
    let size = 0;
    let child: ChildProcessByStdio<null, Readable, null>;
    try {
      // detached: a new session without a controlling terminal, so an interactive shell cannot
      // take over (or be stopped by) the terminal Taskdeck was started from.
      child = spawn(shell, ['-l', '-i', '-c', command], {
        env: { ...base, ELECTRON_RUN_AS_NODE: '1' },
        stdio: ['ignore', 'pipe', 'ignore'],
        detached: true,
      });
    } catch {
      resolve(fallback);
      return;
    }
    const stop = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      stop();
      finish(fallback);
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    child.on('error', () => {
      finish(fallback);
    });
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) {
        stop();
        finish(fallback);
      } else {
        chunks.push(chunk);
      }
    });
    child.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const start = text.indexOf(marker);
      const end = start < 0 ? -1 : text.indexOf(marker, start + marker.length);
      // Judged by the markers, not the exit code: some shells end -i with a non-zero status.
      if (end < 0) {
        finish(fallback);
        return;
      }
      const skip = new Set(SHELL_STATE);
      if (!('ELECTRON_RUN_AS_NODE' in base)) skip.add('ELECTRON_RUN_AS_NODE');
      const env = parseEntries(text.slice(start + marker.length, end), skip);
      // As login(1) does: commands then run in the shell whose environment this is.
      if (!('SHELL' in env)) env.SHELL = shell;
      finish(env);
    });
  });
}

let memo: Promise<Record<string, string>> | null = null;

/** The user's login-shell environment, resolved once per process (see readLoginEnvironment). */
export function loginEnvironment(): Promise<Record<string, string>> {
  memo ??= readLoginEnvironment();
  return memo;
}
