import type { TaskdeckApi } from './api.js';

/** Something the desktop app asks the window to show: a task, or one execution of a task. */
export type OpenTarget =
  { kind: 'task'; taskId: string } | { kind: 'execution'; taskId: string; executionId: string };

/**
 * What the Electron preload exposes as `window.taskdeck`, its one object: the API, plus the
 * instructions only the desktop app gives (a notification or the tray asking the window to open
 * something). The WebSocket transport has no such instructions, so it is a plain `TaskdeckApi`.
 */
export interface DesktopBridge extends TaskdeckApi {
  /** Calls `listener` with each instruction until the returned function is called. */
  onOpen(listener: (target: OpenTarget) => void): () => void;
}
