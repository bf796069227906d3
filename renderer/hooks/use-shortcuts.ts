import { useEffect } from 'react';
import { shortcutOf, type ShortcutAction } from '../keyboard/shortcuts.js';
import type { AppState } from '../store/app-state.js';
import { useStoreApi } from './use-app-store.js';

/** The id of the toolbar's search field, which "/" focuses. */
export const SEARCH_INPUT_ID = 'task-search';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** The task "run now" means: the one on screen, else the list's single selection or cursor. */
function selectedTask(state: AppState): string | null {
  const route = state.route;
  if (route.screen === 'task') return route.taskId;
  if (route.screen !== 'tasks') return null;
  if (state.selection.length === 1) return state.selection[0] ?? null;
  return state.selection.length === 0 ? state.activeId : null;
}

async function runSelected(state: AppState): Promise<void> {
  const id = selectedTask(state);
  const task = id === null ? undefined : state.tasks[id];
  if (task === undefined) {
    state.notify('info', 'To run a task now, open it or pick one in the task list first');
    return;
  }
  const executionId = await state.runNow(task.id);
  if (executionId === null) return;
  state.notify('info', `Started “${task.name}”`);
  if (state.route.screen === 'task')
    state.navigate({ screen: 'task', taskId: task.id, executionId });
}

function perform(action: ShortcutAction, state: AppState): void {
  switch (action) {
    case 'newTask':
      state.openEditor({ mode: 'create' });
      return;
    case 'search': {
      const input = document.getElementById(SEARCH_INPUT_ID);
      if (input instanceof HTMLInputElement) {
        input.focus();
        input.select();
      }
      return;
    }
    case 'runNow':
      void runSelected(state);
      return;
    case 'dashboard':
      state.navigate({ screen: 'dashboard' });
      return;
    case 'tasks':
      state.navigate({ screen: 'tasks' });
      return;
    case 'settings':
      state.navigate({ screen: 'settings' });
      return;
    case 'help':
      state.setHelpOpen(!state.helpOpen);
      return;
  }
}

/**
 * The window-wide keyboard shortcuts (listed in keyboard/shortcuts.ts and the help overlay):
 * one listener for the whole window, quiet while the person types or a dialog is open.
 */
export function useShortcuts(): void {
  const store = useStoreApi();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const state = store.getState();
      const inDialog = document.querySelector('dialog[open]') !== null;
      const action = shortcutOf(event, { typing: isTyping(event.target), inDialog });
      // In a dialog, "?" only closes the overlay it opened; it never opens one over another.
      if (action === null || (inDialog && !state.helpOpen)) return;
      event.preventDefault();
      perform(action, state);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [store]);
}
