import type { TaskdeckApi } from '../shared/api.js';
import type { DesktopBridge } from '../shared/desktop-bridge.js';

declare global {
  interface Window {
    /** The API as the Electron preload exposes it; absent in a browser. */
    taskdeck?: TaskdeckApi;
    /** What only the desktop app sends (open a task or a run); absent in a browser. */
    taskdeckDesktop?: DesktopBridge;
  }
}
