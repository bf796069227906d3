import { describe, expect, it } from 'vitest';
import { commandLine } from '../../../electron/adapters/process/command-line.js';

const command = (text: string) => ({ type: 'command' as const, command: text });

describe('commandLine', () => {
  it('runs a command on Windows as %ComSpec% /d /s /c "<command>", verbatim', () => {
    const comspec = 'C:\\Windows\\system32\\cmd.exe';
    expect(
      commandLine(command('echo "a b" & dir %TEMP%'), {
        environment: { ComSpec: comspec },
        platform: 'win32',
      }),
    ).toEqual({
      program: comspec,
      // The outer quotes are the ones /s strips: the command's own quotes reach cmd intact.
      args: ['/d', '/s', '/c', '"echo "a b" & dir %TEMP%"'],
      what: 'Shell',
      verbatim: true,
    });
    expect(commandLine(command('ver'), { environment: {}, platform: 'win32' }).program).toBe(
      'cmd.exe',
    );
  });

  it('runs a command on POSIX as <shell> -c: the shell given, else $SHELL, else /bin/sh', () => {
    const environment = { SHELL: '/bin/zsh' };
    const line = (shell: string | undefined, env: Record<string, string>) =>
      commandLine(command('echo "$HOME"'), { shell, environment: env, platform: 'darwin' });
    expect(line(undefined, environment)).toEqual({
      program: '/bin/zsh',
      args: ['-c', 'echo "$HOME"'],
      what: 'Shell',
      verbatim: false,
    });
    expect(line('/bin/dash', environment).program).toBe('/bin/dash');
    expect(line(undefined, {}).program).toBe('/bin/sh');
    // A shell chosen explicitly is used on Windows too (Git Bash, say), the POSIX way.
    expect(
      commandLine(command('ls'), { shell: 'bash.exe', environment: {}, platform: 'win32' }),
    ).toMatchObject({ program: 'bash.exe', args: ['-c', 'ls'], verbatim: false });
  });

  it('runs argv without a shell, quoted by Node on every platform', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(
        commandLine(
          { type: 'command', argv: ['C:\\Program Files\\tool.exe', 'a b', '"q"'] },
          { environment: { SHELL: '/bin/bash', ComSpec: 'cmd.exe' }, platform },
        ),
      ).toEqual({
        program: 'C:\\Program Files\\tool.exe',
        args: ['a b', '"q"'],
        what: 'Program',
        verbatim: false,
      });
    }
  });
});
