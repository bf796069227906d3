import { parseAppArgs } from './app-args.js';

/** What the app knows when the window is asked to close. */
export interface CloseContext {
  /** A quit is under way (Quit in the tray or menu, a signal, logging out). */
  quitting: boolean;
  /** The `closeToTray` setting. */
  closeToTray: boolean;
}

/**
 * What closing the window does: with close-to-tray on, it only hides (tasks keep running in the
 * tray); while quitting, or with the setting off, it really closes.
 */
export function closeAction({ quitting, closeToTray }: CloseContext): 'hide' | 'close' {
  return closeToTray && !quitting ? 'hide' : 'close';
}

/**
 * Whether the app quits once its last window has closed. With close-to-tray on the window only
 * hides, so a real close then comes from a quit already under way: nothing more to do. With it
 * off, a closed window means the person wants out.
 */
export function quitsWhenAllClosed(closeToTray: boolean): boolean {
  return !closeToTray;
}

/**
 * What the running app does when Taskdeck is launched again on its data folder (`argv` is the
 * second launch's command line): it shows and focuses its window, unless that launch was a
 * hidden one (launch at login while Taskdeck already runs), which must not pop a window up.
 */
export function secondLaunchAction(argv: readonly string[], cwd: string): 'show' | 'nothing' {
  return parseAppArgs(argv, cwd).hidden ? 'nothing' : 'show';
}
