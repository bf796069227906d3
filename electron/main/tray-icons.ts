import { join } from 'node:path';
import type { TrayIconState } from './tray-menu.js';

/**
 * The icon file for a tray state under `assetsDir`: a monochrome template image on macOS (the
 * menu bar tints it), a coloured one elsewhere. Electron loads the `@2x` sibling by itself.
 */
export function trayIconFile(
  assetsDir: string,
  state: TrayIconState,
  platform: NodeJS.Platform = process.platform,
): string {
  return join(
    assetsDir,
    'tray',
    platform === 'darwin' ? `tray-${state}Template.png` : `tray-${state}.png`,
  );
}
