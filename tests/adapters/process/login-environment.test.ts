import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loginEnvironment,
  readLoginEnvironment,
} from '../../../electron/adapters/process/login-environment.js';

let home = '';
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'taskdeck-login-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

const base = () => ({ PATH: '/usr/bin:/bin', HOME: home, TASKDECK_FROM_HOST: 'host' });

describe('readLoginEnvironment', () => {
  it("returns what the login shell's profile sets up, ignoring its noise", async () => {
    writeFileSync(
      join(home, '.bash_profile'),
      [
        'echo "Welcome to this machine"',
        'printf "noise with a NUL \\000 and = signs\\n"',
        'export PATH="$HOME/bin:$PATH"',
        'export TASKDECK_LOGIN=from-profile',
        "export TASKDECK_LINES='line one\nline two = 2'",
      ].join('\n'),
    );
    const env = await readLoginEnvironment({ shell: '/bin/bash', base: base() });
    // /etc/profile may set PATH first; the user's profile comes after it.
    expect(env.PATH?.startsWith(`${home}/bin:`)).toBe(true);
    expect(env.TASKDECK_LOGIN).toBe('from-profile');
    expect(env.TASKDECK_LINES).toBe('line one\nline two = 2');
    expect(env.TASKDECK_FROM_HOST).toBe('host');
    // The shell's own bookkeeping and the helper variable are not part of it.
    for (const name of ['PWD', 'OLDPWD', 'SHLVL', '_', 'ELECTRON_RUN_AS_NODE']) {
      expect(env).not.toHaveProperty(name);
    }
  });

  it('works with a plain POSIX sh reading ~/.profile', async () => {
    writeFileSync(join(home, '.profile'), 'echo hello from dash\nexport TASKDECK_DASH=yes\n');
    const env = await readLoginEnvironment({ shell: '/bin/dash', base: base() });
    expect(env.TASKDECK_DASH).toBe('yes');
  });

  it('falls back to the base environment when the shell hangs, fails or is missing', async () => {
    writeFileSync(join(home, '.bash_profile'), 'export TASKDECK_LOGIN=x\nsleep 30\n');
    const began = Date.now();
    const hung = await readLoginEnvironment({ shell: '/bin/bash', base: base(), timeoutMs: 300 });
    expect(hung).toEqual(base());
    expect(Date.now() - began).toBeLessThan(3_000);

    writeFileSync(join(home, '.bash_profile'), 'exit 3\n');
    expect(await readLoginEnvironment({ shell: '/bin/bash', base: base() })).toEqual(base());
    expect(await readLoginEnvironment({ shell: join(home, 'no-shell'), base: base() })).toEqual(
      base(),
    );
  });
});

describe('readLoginEnvironment without $SHELL (a session started from a desktop)', () => {
  it("uses the account's login shell, and sets SHELL to it for the commands", async () => {
    const account = userInfo().shell ?? '/bin/sh';
    // Whichever profile the shell reads, it says which shell read it.
    for (const profile of ['.bash_profile', '.profile', '.zprofile']) {
      writeFileSync(join(home, profile), 'export TASKDECK_SHELL="$0"\n');
    }
    const env = await readLoginEnvironment({ base: base() });
    expect(env.TASKDECK_SHELL).toBe(account);
    expect(env.SHELL).toBe(account);
  });
});

describe('loginEnvironment', () => {
  const saved = { HOME: process.env.HOME, SHELL: process.env.SHELL };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  });

  it("runs this user's login shell once, however often it is asked", async () => {
    process.env.HOME = home;
    process.env.SHELL = '/bin/bash';
    const runs = join(home, 'runs');
    writeFileSync(join(home, '.bash_profile'), `echo run >> '${runs}'\nexport TASKDECK_ONCE=yes\n`);
    const first = loginEnvironment();
    const second = loginEnvironment();
    expect(second).toBe(first);
    expect((await first).TASKDECK_ONCE).toBe('yes');
    await loginEnvironment();
    expect(readFileSync(runs, 'utf8')).toBe('run\n');
  });
});
