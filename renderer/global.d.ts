import type { DesktopBridge } from '../shared/desktop-bridge.js';

declare global {
  interface Window {
    /**
     * The Electron preload's one object: the API and the desktop app's open instructions;
     * absent in a browser.
     */
    taskdeck?: DesktopBridge;
  }
}
