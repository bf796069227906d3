/** What a window-wide shortcut does. */
export type ShortcutAction =
  'newTask' | 'search' | 'runNow' | 'settings' | 'dashboard' | 'tasks' | 'help';

/** A key (or keys) and what it does, as the help overlay lists it. */
export interface KeyHelp {
  keys: string[];
  label: string;
}

/** The window-wide shortcuts: one key each, no modifier, not while typing or in a dialog. */
export const GLOBAL_SHORTCUTS: readonly (KeyHelp & { key: string; action: ShortcutAction })[] = [
  { key: 'n', keys: ['N'], action: 'newTask', label: 'New task' },
  { key: '/', keys: ['/'], action: 'search', label: 'Search tasks' },
  { key: 'r', keys: ['R'], action: 'runNow', label: 'Run the selected task now' },
  { key: 'd', keys: ['D'], action: 'dashboard', label: 'Go to the dashboard' },
  { key: 't', keys: ['T'], action: 'tasks', label: 'Go to the task list' },
  { key: ',', keys: [','], action: 'settings', label: 'Open settings' },
  { key: '?', keys: ['?'], action: 'help', label: 'Show these shortcuts' },
];

/** Keys of the task list (when it has the focus). */
export const LIST_KEYS: readonly KeyHelp[] = [
  { keys: ['↑', '↓'], label: 'Move between tasks' },
  { keys: ['Home', 'End'], label: 'First or last task' },
  { keys: ['Shift', '↑ ↓'], label: 'Extend the selection' },
  { keys: ['Space'], label: 'Select or unselect the task' },
  { keys: ['Enter'], label: 'Open the task' },
  { keys: ['Ctrl', 'A'], label: 'Select every listed task' },
  { keys: ['Delete'], label: 'Delete the selected tasks (asks first)' },
  { keys: ['Esc'], label: 'Clear the selection' },
];

/** Keys of dialogs and the search field. */
export const DIALOG_KEYS: readonly KeyHelp[] = [
  { keys: ['Esc'], label: 'Close the dialog, or clear the search' },
  { keys: ['Enter'], label: 'Save the task (when it is valid)' },
  { keys: ['↓'], label: 'From the search field, into the results' },
];

/** The little of a key press the shortcuts look at. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * The shortcut a key press asks for, or null. Nothing fires while the person types in a field;
 * in a dialog only "?" does (it closes the shortcuts overlay it opened). Shift is allowed,
 * since "?" needs it on most keyboards.
 */
export function shortcutOf(
  press: KeyPress,
  where: { typing: boolean; inDialog: boolean },
): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey || where.typing) return null;
  const action =
    GLOBAL_SHORTCUTS.find((shortcut) => shortcut.key === press.key.toLowerCase())?.action ?? null;
  if (where.inDialog && action !== 'help') return null;
  return action;
}
