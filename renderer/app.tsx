import { useState } from 'react';
import { NoticeBanners } from './components/notice-banners.js';
import { Sidebar } from './components/sidebar.js';
import { TaskDetailScreen } from './components/task-detail/task-detail-screen.js';
import { TaskEditor } from './components/task-editor/task-editor.js';
import { TaskListScreen } from './components/task-list/task-list-screen.js';
import { Toasts } from './components/toasts.js';
import { Toolbar } from './components/toolbar.js';
import { useActions, useAppStore, useStoreApi } from './hooks/use-app-store.js';
import { useHashRoute } from './hooks/use-hash-route.js';

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

/** The window: sidebar, toolbar, banners, the current screen, the editor and toasts. */
export function App() {
  useHashRoute();
  const route = useAppStore((state) => state.route);
  const editor = useAppStore((state) => state.editor);
  return (
    <div className="app">
      <Sidebar />
      <div className="main">
        <Toolbar />
        <NoticeBanners />
        <main className="content">
          {route.screen === 'task' ? (
            <TaskDetailScreen key={route.taskId} taskId={route.taskId} />
          ) : (
            <TaskListScreen />
          )}
        </main>
      </div>
      {editor !== null && (
        <EditorHost
          key={editor.mode === 'edit' ? editor.taskId : 'create'}
          taskId={editor.mode === 'edit' ? editor.taskId : null}
        />
      )}
      <Toasts />
    </div>
  );
}
