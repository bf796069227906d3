import type { TaskdeckApi } from '../shared/api.js';

declare global {
  interface Window {
    /** The API as the Electron preload exposes it; absent in a browser. */
    taskdeck?: TaskdeckApi;
  }
}
