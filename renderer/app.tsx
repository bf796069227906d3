import { useEffect, useRef, useState } from 'react';
import { DashboardScreen } from './components/dashboard/dashboard-screen.js';
import { HelpOverlay } from './components/help-overlay.js';
import { NoticeBanners } from './components/notice-banners.js';
import { SettingsScreen } from './components/settings/settings-screen.js';
import { Sidebar } from './components/sidebar.js';
import { TaskDetailScreen } from './components/task-detail/task-detail-screen.js';
import { TaskEditor } from './components/task-editor/task-editor.js';
import { TaskListScreen } from './components/task-list/task-list-screen.js';
import { Toasts } from './components/toasts.js';
import { Toolbar } from './components/toolbar.js';
import { useActions, useAppStore, useStoreApi } from './hooks/use-app-store.js';
import { useHashRoute } from './hooks/use-hash-route.js';
import { useShortcuts } from './hooks/use-shortcuts.js';
import type { Route } from './store/app-state.js';

/** The editor for the task being edited, frozen as it was when opened (the patch's base). */
function EditorHost({ taskId }: { taskId: string | null }) {
  const store = useStoreApi();
  const { openEditor } = useActions();
  const [task] = useState(() =>
    taskId === null ? null : (store.getState().tasks[taskId] ?? null),
  );
  if (taskId !== null && task === null) return null;
  return (
    <TaskEditor
      task={task}
      onClose={() => {
        openEditor(null);
      }}
    />
  );
}

/** The screen a route shows; a task's page is keyed by its task, so each starts fresh. */
function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'dashboard':
      return <DashboardScreen />;
    case 'tasks':
      return <TaskListScreen />;
    case 'task':
      return <TaskDetailScreen key={route.taskId} taskId={route.taskId} />;
    case 'settings':
      return <SettingsScreen />;
  }
}

/**
 * The window: sidebar, toolbar, banners, the current screen, the editor, the shortcuts
 * overlay and toasts.
 */
export function App() {
  useHashRoute();
  useShortcuts();
  const route = useAppStore((state) => state.route);
  const editor = useAppStore((state) => state.editor);
  const helpOpen = useAppStore((state) => state.helpOpen);
  const content = useRef<HTMLElement>(null);
  const place = route.screen === 'task' ? `task:${route.taskId}` : route.screen;
  useEffect(() => {
    // A new screen starts at its top, not where the previous one was scrolled to.
    content.current?.scrollTo(0, 0);
  }, [place]);
  return (
    <div className="app">
      <Sidebar />
      <div className="main">
        <Toolbar />
        <NoticeBanners />
        <main className="content" ref={content}>
          <Screen route={route} />
        </main>
      </div>
      {editor !== null && (
        <EditorHost
          key={editor.mode === 'edit' ? editor.taskId : 'create'}
          taskId={editor.mode === 'edit' ? editor.taskId : null}
        />
      )}
      {helpOpen && <HelpOverlay />}
      <Toasts />
    </div>
  );
}
