import { describe, expect, it } from 'vitest';
import {
  closeAction,
  quitsWhenAllClosed,
  secondLaunchAction,
} from '../../electron/main/lifecycle-decisions.js';

describe('closing the window', () => {
  it('hides to the tray only with close-to-tray on and no quit under way', () => {
    expect(closeAction({ quitting: false, closeToTray: true })).toBe('hide');
    expect(closeAction({ quitting: true, closeToTray: true })).toBe('close');
    expect(closeAction({ quitting: false, closeToTray: false })).toBe('close');
    expect(closeAction({ quitting: true, closeToTray: false })).toBe('close');
  });

  it('quits once the last window closed only with close-to-tray off', () => {
    expect(quitsWhenAllClosed(false)).toBe(true);
    expect(quitsWhenAllClosed(true)).toBe(false);
  });
});

describe('a second launch on the same data folder', () => {
  const electron = ['/opt/Taskdeck/taskdeck', '--enable-logging'];

  it('shows and focuses the running window', () => {
    expect(secondLaunchAction(electron, '/home/me')).toBe('show');
    expect(secondLaunchAction([...electron, '.', '--data-dir=/tmp/d'], '/home/me')).toBe('show');
  });

  it('leaves the window alone when it was a hidden launch (at login)', () => {
    expect(secondLaunchAction([...electron, '--hidden'], '/home/me')).toBe('nothing');
    expect(secondLaunchAction([...electron, '--data-dir', '/tmp/d', '--hidden'], '/home/me')).toBe(
      'nothing',
    );
  });
});
