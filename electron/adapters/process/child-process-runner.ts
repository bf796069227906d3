import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type {
  ProcessOutcome,
  ProcessRunner,
  ProcessSpec,
  RunningProcess,
} from '../../core/ports/process-runner.js';
import { commandLine, type CommandLine } from './command-line.js';
import { OutputCapture } from './output-capture.js';
import { readStartToken } from './start-token.js';
import { terminateTree } from './terminate-tree.js';

/** How a ChildProcessRunner starts commands. */
export interface ChildProcessRunnerOptions {
  /** The environment every command starts from: the user's resolved login environment. */
  environment: Record<string, string>;
  /** The shell that runs `command` actions as `<shell> -c <command>`; default $SHELL, then /bin/sh. */
  shell?: string;
  /**
   * Variables set on every command after its own (it cannot override them), e.g. the data folder,
   * so a later Taskdeck can find what a crashed one left running (see reapMarked).
   */
  markers?: Record<string, string>;
}

/** Set on every command: the execution it belongs to (scripts may log it; Taskdeck uses it too). */
export const EXECUTION_ID_VARIABLE = 'TASKDECK_EXECUTION_ID';

const isWindows = process.platform === 'win32';

/** `~` and `~/...` are the home folder; a relative folder is taken from home too. */
function workingFolder(cwd: string | undefined, home: string): string {
  if (cwd === undefined || cwd === '~') return home;
  if (cwd.startsWith('~/')) return join(home, cwd.slice(2));
  // Relative to home (where a task without a folder starts), not to wherever Taskdeck started.
  return resolve(home, cwd);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why a working folder cannot be used, or null when it can. */
function folderProblem(folder: string): string | null {
  try {
    if (!statSync(folder).isDirectory()) return `Working folder ${folder} is not a folder`;
    accessSync(folder, constants.X_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return `Working folder ${folder} does not exist`;
    if (code === 'EACCES' || code === 'EPERM') {
      return `Working folder ${folder} cannot be entered (permission denied)`;
    }
    return `Working folder ${folder} cannot be used: ${errorMessage(error)}`;
  }
}

/**
 * Says why a command could not start. The folder is looked at only now, after the failure (a
 * start is the hot path): a folder that is fine leaves ENOENT to mean the program.
 */
function startProblem(cwd: string, line: CommandLine, error: unknown): string {
  const folder = folderProblem(cwd);
  if (folder !== null) return folder;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${line.what} not found: ${line.program}`;
  if (code === 'EACCES') return `${line.what} is not executable: ${line.program}`;
  return `${line.what} ${line.program} could not start: ${errorMessage(error)}`;
}

function notStarted(error: string): RunningProcess {
  return {
    pid: null,
    pgid: null,
    startToken: null,
    kill: () => undefined,
    done: Promise.resolve({ exitCode: null, signal: null, error, outputBytes: 0, tail: [] }),
  };
}

/**
 * Runs command actions as child processes: `command` through the shell, `argv` without one,
 * stdin from /dev/null, each in its own process group (POSIX), output captured as timestamped
 * chunks with a capped tail. A command that cannot start ends with an `error`; nothing throws.
 */
export class ChildProcessRunner implements ProcessRunner {
  constructor(private readonly options: ChildProcessRunnerOptions) {}

  /** Starts a command action; see ProcessRunner. */
  start(spec: ProcessSpec): RunningProcess {
    const { action } = spec;
    const cwd = workingFolder(action.cwd, homedir());
    const line = commandLine(action, {
      shell: this.options.shell,
      environment: this.options.environment,
      platform: process.platform,
    });
    let child: ChildProcess;
    try {
      child = spawn(line.program, line.args, {
        cwd,
        env: {
          ...this.options.environment,
          ...action.env,
          ...this.options.markers,
          [EXECUTION_ID_VARIABLE]: spec.executionId,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group (pgid = pid), so a kill reaches the whole tree at once.
        detached: !isWindows,
        windowsHide: true,
        windowsVerbatimArguments: line.verbatim,
      });
    } catch (error) {
      return notStarted(startProblem(cwd, line, error));
    }
    return this.watch(child, cwd, line, spec);
  }

  private watch(
    child: ChildProcess,
    cwd: string,
    line: CommandLine,
    spec: ProcessSpec,
  ): RunningProcess {
    const pid = child.pid ?? null;
    const pgid = pid === null || isWindows ? null : pid;
    // The pid cannot be reused yet: Node has not reaped the child, even if it already exited.
    const startToken = pid === null ? null : readStartToken(pid);
    const capture = new OutputCapture(spec.outputTailBytes, (chunks, outputBytes) => {
      spec.onOutput(chunks, outputBytes);
    });
    let settled = false;
    let killing = false;
    let resolveDone: (outcome: ProcessOutcome) => void = () => undefined;
    const done = new Promise<ProcessOutcome>((resolve) => {
      resolveDone = resolve;
    });
    const settle = (exitCode: number | null, signal: string | null, error: string | null) => {
      if (settled) return;
      settled = true;
      resolveDone({ exitCode, signal, error, ...capture.finish() });
    };

    for (const stream of ['stdout', 'stderr'] as const) {
      const pipe = child[stream];
      pipe?.on('data', (bytes: Buffer) => {
        capture.write(stream, bytes);
      });
      pipe?.on('end', () => {
        capture.end(stream);
      });
      // A read error ends the stream; the outcome still comes with 'close'.
      pipe?.on('error', () => undefined);
    }
    child.on('error', (error) => {
      // After a successful spawn 'error' only reports failed signals, which kill() handles itself.
      if (pid === null) settle(null, null, startProblem(cwd, line, error));
    });
    // 'close' comes after the exit and after both pipes reached their end.
    child.on('close', (code, signal) => {
      settle(code, signal, null);
    });

    return {
      pid,
      pgid,
      startToken,
      kill: () => {
        if (killing || settled || pid === null) return;
        killing = true;
        void terminateTree({ pid, pgid, startToken }, spec.killGraceMs);
      },
      done,
    };
  }
}
