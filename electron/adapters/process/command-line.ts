import type { CommandAction } from '../../../shared/schemas/action.js';

/** The program and arguments a command action becomes, and what to call the program in errors. */
export interface CommandLine {
  program: string;
  args: string[];
  what: 'Program' | 'Shell';
  /** Windows: pass `args` to the program as written (no quoting by Node). */
  verbatim: boolean;
}

/** What decides how a `command` is run: the shell asked for, the environment, the platform. */
export interface ShellChoice {
  /** A shell given explicitly; otherwise $SHELL from `environment`, then /bin/sh. */
  shell?: string | undefined;
  environment: Readonly<Record<string, string>>;
  platform: NodeJS.Platform;
}

/**
 * The command line of an action: `argv` as given, without a shell; `command` as `<shell> -c
 * <command>` on POSIX, and on Windows as `%ComSpec% /d /s /c "<command>"` passed verbatim, which
 * is what Node's own `shell: true` does there (/d: no AutoRun commands, /s: cmd strips exactly
 * the outer quotes, so quotes inside the command survive).
 */
export function commandLine(action: CommandAction, choice: ShellChoice): CommandLine {
  if (action.argv !== undefined) {
    const [program = '', ...args] = action.argv;
    return { program, args, what: 'Program', verbatim: false };
  }
  const command = action.command ?? '';
  if (choice.shell === undefined && choice.platform === 'win32') {
    const comspec = choice.environment.ComSpec ?? 'cmd.exe';
    return {
      program: comspec,
      args: ['/d', '/s', '/c', `"${command}"`],
      what: 'Shell',
      verbatim: true,
    };
  }
  const program = choice.shell ?? choice.environment.SHELL ?? '/bin/sh';
  return { program, args: ['-c', command], what: 'Shell', verbatim: false };
}
