import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder Electron's `app.getPath('userData')` gives an app named "Taskdeck", so the app and
 * the headless host share one data folder: XDG config on Linux, Application Support on macOS,
 * %APPDATA% on Windows.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Taskdeck');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Taskdeck');
  const config =
    env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== ''
      ? env.XDG_CONFIG_HOME
      : join(homedir(), '.config');
  return join(config, 'Taskdeck');
}
