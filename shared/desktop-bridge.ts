/** Something the desktop app asks the window to show: a task, or one execution of a task. */
export type OpenTarget =
  { kind: 'task'; taskId: string } | { kind: 'execution'; taskId: string; executionId: string };

/**
 * What the Electron preload exposes besides the API, as `window.taskdeckDesktop`: instructions
 * only the desktop app gives (a notification or the tray asking the window to open something).
 */
export interface DesktopBridge {
  /** Calls `listener` with each instruction until the returned function is called. */
  onOpen(listener: (target: OpenTarget) => void): () => void;
}
