import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import { trayIconFile } from './tray-icons.js';
import {
  renderMenuTemplate,
  trayIconState,
  trayMenu,
  trayTooltip,
  type TrayAction,
  type TrayIconState,
} from './tray-menu.js';
import type { TraySnapshot } from './tray-status.js';

/**
 * The system tray icon: renders the pure menu model, icon and tooltip of a `TraySnapshot`,
 * touching Electron only when one of them changed. A click opens the window (Windows and
 * Linux; on macOS a click opens the menu).
 */
export class DesktopTray {
  private readonly tray: Tray;
  private readonly icons = new Map<TrayIconState, NativeImage>();
  private shownIcon: TrayIconState | null = null;
  private shownTooltip = '';
  private shownMenu = '';

  constructor(
    private readonly assetsDir: string,
    private readonly dispatch: (action: TrayAction) => void,
  ) {
    this.tray = new Tray(this.icon('idle'));
    if (process.platform !== 'darwin') {
      this.tray.on('click', () => {
        dispatch({ type: 'open' });
      });
    }
  }

  /** Shows `status`: icon, tooltip and menu. */
  show(status: TraySnapshot): void {
    const state = trayIconState(status);
    if (state !== this.shownIcon) {
      this.tray.setImage(this.icon(state));
      this.shownIcon = state;
    }
    const tooltip = trayTooltip(status);
    if (tooltip !== this.shownTooltip) {
      this.tray.setToolTip(tooltip);
      this.shownTooltip = tooltip;
    }
    const model = trayMenu(status);
    const key = JSON.stringify(model);
    if (key !== this.shownMenu) {
      this.tray.setContextMenu(Menu.buildFromTemplate(renderMenuTemplate(model, this.dispatch)));
      this.shownMenu = key;
    }
  }

  /** Removes the icon from the tray. */
  destroy(): void {
    this.tray.destroy();
  }

  private icon(state: TrayIconState): NativeImage {
    let image = this.icons.get(state);
    if (image === undefined) {
      image = nativeImage.createFromPath(trayIconFile(this.assetsDir, state));
      if (process.platform === 'darwin') image.setTemplateImage(true);
      this.icons.set(state, image);
    }
    return image;
  }
}
