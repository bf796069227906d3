import { describe, expect, it } from 'vitest';
import { GLOBAL_SHORTCUTS, shortcutOf } from '../../renderer/keyboard/shortcuts.js';

const press = (
  key: string,
  modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {},
) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});
const free = { typing: false, inDialog: false };

describe('keyboard shortcuts', () => {
  it('maps each listed key to its action, upper case included', () => {
    for (const shortcut of GLOBAL_SHORTCUTS)
      expect(shortcutOf(press(shortcut.key), free)).toBe(shortcut.action);
    expect(shortcutOf(press('N'), free)).toBe('newTask');
    expect(shortcutOf(press('x'), free)).toBeNull();
  });

  it('stays out of the way while typing, with modifiers, and in dialogs (but for ?)', () => {
    expect(shortcutOf(press('n'), { typing: true, inDialog: false })).toBeNull();
    expect(shortcutOf(press('n', { ctrlKey: true }), free)).toBeNull();
    expect(shortcutOf(press(',', { metaKey: true }), free)).toBeNull();
    expect(shortcutOf(press('r', { altKey: true }), free)).toBeNull();
    expect(shortcutOf(press('n'), { typing: false, inDialog: true })).toBeNull();
    expect(shortcutOf(press('?'), { typing: false, inDialog: true })).toBe('help');
  });

  it('lists new task, search, run now, settings and help, each once', () => {
    const actions = GLOBAL_SHORTCUTS.map((shortcut) => shortcut.action);
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions).toEqual(
      expect.arrayContaining(['newTask', 'search', 'runNow', 'settings', 'help']),
    );
  });
});
