import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAppArgs } from '../../electron/main/app-args.js';
import {
  AUTOSTART_FILE,
  autostartDir,
  desktopEntry,
  desktopExecArg,
  loginItemSettings,
  loginLaunch,
  setLinuxAutostart,
} from '../../electron/main/login-item.js';
import { makeTempDir, removeDir } from './temp-dir.js';

describe('command-line flags', () => {
  it('reads the data folder, examples and hidden among Electron and Chromium switches', () => {
    expect(
      parseAppArgs(
        ['/usr/bin/electron', '.', '--inspect=0', '--remote-debugging-port=0'],
        '/home/me',
      ),
    ).toEqual({
      dataDir: null,
      examples: true,
      hidden: false,
    });
    expect(
      parseAppArgs(['/opt/Taskdeck/taskdeck', '--hidden', '--data-dir=/srv/td', '--no-examples']),
    ).toEqual({
      dataDir: '/srv/td',
      examples: false,
      hidden: true,
    });
    expect(parseAppArgs(['electron', '.', '--data-dir', 'profile'], '/home/me').dataDir).toBe(
      '/home/me/profile',
    );
    expect(parseAppArgs(['electron', '.', '--data-dir', '--hidden']).dataDir).toBeNull();
    expect(parseAppArgs(['electron', '.', '--data-dir=']).dataDir).toBeNull();
  });
});

describe('launch at login', () => {
  it('starts the packaged app hidden; the development app with its folder; an AppImage by its file', () => {
    expect(
      loginLaunch({
        execPath: '/opt/Taskdeck/taskdeck',
        appPath: '/x',
        isPackaged: true,
        dataDir: null,
      }),
    ).toEqual({
      executable: '/opt/Taskdeck/taskdeck',
      args: ['--hidden'],
    });
    expect(
      loginLaunch({
        execPath: '/repo/node_modules/electron/dist/electron',
        appPath: '/repo',
        isPackaged: false,
        dataDir: '/d',
      }),
    ).toEqual({
      executable: '/repo/node_modules/electron/dist/electron',
      args: ['/repo', '--hidden', '--data-dir=/d'],
    });
    expect(
      loginLaunch({
        execPath: '/tmp/.mount_TaskdeXYZ/taskdeck',
        appPath: '/tmp/.mount_TaskdeXYZ/resources/app.asar',
        isPackaged: true,
        appImage: '/home/me/Apps/Taskdeck.AppImage',
        dataDir: null,
      }).executable,
    ).toBe('/home/me/Apps/Taskdeck.AppImage');
  });

  it('gives Windows quoted arguments', () => {
    expect(
      loginItemSettings(true, {
        executable: 'C:\\Program Files\\Taskdeck\\Taskdeck.exe',
        args: ['--hidden', '--data-dir=C:\\My Data'],
      }),
    ).toEqual({
      openAtLogin: true,
      path: 'C:\\Program Files\\Taskdeck\\Taskdeck.exe',
      args: ['--hidden', '"--data-dir=C:\\My Data"'],
    });
    expect(loginItemSettings(false, { executable: 'x', args: [] }).openAtLogin).toBe(false);
  });

  it('quotes Exec arguments as the desktop entry spec says', () => {
    expect(desktopExecArg('/opt/Taskdeck/taskdeck')).toBe('/opt/Taskdeck/taskdeck');
    expect(desktopExecArg('/home/me/My Apps/Taskdeck.AppImage')).toBe(
      '"/home/me/My Apps/Taskdeck.AppImage"',
    );
    expect(desktopExecArg('--data-dir=/home/me/100%')).toBe('--data-dir=/home/me/100%%');
    expect(desktopExecArg('a"b$c`d')).toBe('"a\\\\"b\\\\$c\\\\`d"');
    expect(desktopExecArg('back\\slash')).toBe('"back\\\\\\\\slash"');
    expect(desktopExecArg('')).toBe('""');
    const entry = desktopEntry({ executable: '/opt/Taskdeck/taskdeck', args: ['--hidden'] });
    expect(entry.split('\n')).toEqual(
      expect.arrayContaining([
        '[Desktop Entry]',
        'Type=Application',
        'Name=Taskdeck',
        'Exec=/opt/Taskdeck/taskdeck --hidden',
      ]),
    );
  });

  describe('on Linux (XDG autostart)', () => {
    let config: string;
    beforeEach(async () => {
      config = await makeTempDir('autostart');
    });
    afterEach(async () => {
      await removeDir(config);
    });

    it('writes the autostart entry when enabled and removes it when not, repeatably', async () => {
      const dir = autostartDir({ XDG_CONFIG_HOME: config });
      expect(dir).toBe(join(config, 'autostart'));
      const launch = { executable: '/opt/Taskdeck/taskdeck', args: ['--hidden'] };
      await setLinuxAutostart(true, launch, dir);
      await setLinuxAutostart(true, launch, dir);
      expect(await readdir(dir)).toEqual([AUTOSTART_FILE]);
      expect(await readFile(join(dir, AUTOSTART_FILE), 'utf8')).toBe(desktopEntry(launch));
      await setLinuxAutostart(false, launch, dir);
      await setLinuxAutostart(false, launch, dir);
      expect(await readdir(dir)).toEqual([]);
    });
  });
});
