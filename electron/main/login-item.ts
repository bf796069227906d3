import { mkdir, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Settings } from 'electron';
import { writeFileAtomic } from '../adapters/stores/atomic-file.js';

/** The command that starts Taskdeck at login: in the tray, on the same data folder. */
export interface LoginLaunch {
  executable: string;
  args: string[];
}

/** Where the running app came from, as Electron and the AppImage runtime tell it. */
export interface LaunchSource {
  /** `process.execPath`: the app's binary (or Electron's, in development). */
  execPath: string;
  /** `app.getAppPath()`: needed on the command line only when not packaged. */
  appPath: string;
  isPackaged: boolean;
  /** `process.env.APPIMAGE`: the AppImage file; the binary inside it moves every run. */
  appImage?: string | undefined;
  /** The data folder given with `--data-dir`, or null for the default one. */
  dataDir: string | null;
}

/** The login command for this app: hidden, with the same data folder if one was given. */
export function loginLaunch(source: LaunchSource): LoginLaunch {
  const appImage = source.appImage !== undefined && source.appImage !== '' ? source.appImage : null;
  return {
    executable: appImage ?? source.execPath,
    args: [
      ...(source.isPackaged || appImage !== null ? [] : [source.appPath]),
      '--hidden',
      ...(source.dataDir === null ? [] : [`--data-dir=${source.dataDir}`]),
    ],
  };
}

/**
 * `app.setLoginItemSettings` options (macOS and Windows). Windows wants arguments with spaces
 * quoted; macOS ignores path and arguments and tells the app `wasOpenedAtLogin` instead.
 */
export function loginItemSettings(enabled: boolean, launch: LoginLaunch): Settings {
  return {
    openAtLogin: enabled,
    path: launch.executable,
    args: launch.args.map((arg) => (/\s/.test(arg) ? `"${arg}"` : arg)),
  };
}

/** One argument of a desktop entry's Exec key, quoted and escaped as the XDG spec says. */
export function desktopExecArg(arg: string): string {
  // `%` starts a field code and must be doubled, quoted or not.
  const text = arg.replaceAll('%', '%%');
  if (text !== '' && !/[\s"'\\><~|&;$*?#()`]/.test(text)) return text;
  const quoted = `"${text.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  // The string-value escape rule applies before the quoting rule: backslashes double again.
  return quoted.replaceAll('\\', '\\\\');
}

/** The XDG autostart entry (`~/.config/autostart/taskdeck.desktop`) that runs `launch`. */
export function desktopEntry(launch: LoginLaunch): string {
  const exec = [launch.executable, ...launch.args].map(desktopExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Taskdeck',
    'Comment=Runs your scheduled tasks in the background',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** The folder XDG desktops read autostart entries from. */
export function autostartDir(env: NodeJS.ProcessEnv = process.env): string {
  const config =
    env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== ''
      ? env.XDG_CONFIG_HOME
      : join(homedir(), '.config');
  return join(config, 'autostart');
}

/** The autostart entry's file name. */
export const AUTOSTART_FILE = 'taskdeck.desktop';

/**
 * Launch at login on Linux, where Electron's login items do not exist: writes the autostart
 * entry when enabled, removes it when not (both are harmless to repeat).
 */
export async function setLinuxAutostart(
  enabled: boolean,
  launch: LoginLaunch,
  dir: string = autostartDir(),
): Promise<void> {
  const path = join(dir, AUTOSTART_FILE);
  if (!enabled) {
    await rm(path, { force: true });
    return;
  }
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(path, desktopEntry(launch));
}
