import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One completed system call: its name, its text between the parentheses, and what it returned. */
export interface Syscall {
  name: string;
  args: string;
  result: string;
}

/** Whether strace can trace a child here (it is missing on some machines; ptrace may be off). */
export function canTrace(): boolean {
  return spawnSync('strace', ['-qq', '-e', 'trace=none', 'true']).status === 0;
}

/**
 * Runs `command` under strace (all threads) and returns the file system calls it completed, in
 * the order they returned: a call split across lines by another thread is joined back.
 */
export async function traceFileCalls(
  command: readonly string[],
  dir: string,
): Promise<{ calls: Syscall[]; status: number | null; stderr: string }> {
  const log = join(dir, 'strace.log');
  const run = spawnSync(
    'strace',
    [
      '-f',
      '-qq',
      '-s',
      '4096',
      '-e',
      'trace=open,openat,close,fsync,fdatasync,rename,renameat,renameat2',
      '-o',
      log,
      ...command,
    ],
    { encoding: 'utf8' },
  );
  const pending = new Map<string, string>();
  const calls: Syscall[] = [];
  for (const line of (await readFile(log, 'utf8')).split('\n')) {
    const match = /^(\d+)\s+(.*)$/.exec(line);
    if (match === null) continue;
    const [, pid = '', body = ''] = match;
    let text = body;
    if (text.endsWith('<unfinished ...>')) {
      pending.set(pid, text.slice(0, -'<unfinished ...>'.length));
      continue;
    }
    const resumed = /^<\.\.\. \w+ resumed>(.*)$/.exec(text);
    if (resumed !== null) {
      text = `${pending.get(pid) ?? ''}${resumed[1] ?? ''}`;
      pending.delete(pid);
    }
    const call = /^(\w+)\((.*)\)\s+=\s+(.*)$/.exec(text);
    if (call !== null)
      calls.push({ name: call[1] ?? '', args: call[2] ?? '', result: call[3] ?? '' });
  }
  return { calls, status: run.status, stderr: run.stderr };
}

/** What happened to paths in a trace, in order: files synced and renames, by path. */
export interface FileEvent {
  kind: 'synced' | 'renamed';
  /** The synced file, or a rename's destination. */
  path: string;
}

/** Follows descriptors through opens and closes to tell which path each fsync made durable. */
export function fileEvents(calls: readonly Syscall[]): FileEvent[] {
  const open = new Map<string, string>();
  const events: FileEvent[] = [];
  for (const { name, args, result } of calls) {
    const paths = [...args.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? '');
    if ((name === 'open' || name === 'openat') && /^\d+/.test(result)) {
      open.set(result.split(' ')[0] ?? '', paths[0] ?? '');
    } else if (name === 'close') {
      open.delete(args.trim());
    } else if ((name === 'fsync' || name === 'fdatasync') && result.startsWith('0')) {
      const path = open.get(args.trim());
      if (path !== undefined) events.push({ kind: 'synced', path });
    } else if (name.startsWith('rename') && result.startsWith('0')) {
      events.push({ kind: 'renamed', path: paths.at(-1) ?? '' });
    }
  }
  return events;
}
