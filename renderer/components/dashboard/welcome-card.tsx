import { Plus, Upload } from 'lucide-react';
import { useActions, useAppStore } from '../../hooks/use-app-store.js';
import { selectTaskCount } from '../../store/task-values.js';

/** For a Taskdeck with no tasks yet: what it does and the two ways to begin. */
export function WelcomeCard() {
  const empty = useAppStore((state) => state.tasksLoaded && selectTaskCount(state) === 0);
  const { openEditor, navigate } = useActions();
  if (!empty) return null;
  return (
    <section className="card welcome-card" aria-labelledby="welcome-title">
      <div>
        <h2 id="welcome-title">Welcome to Taskdeck</h2>
        <p className="muted">
          Taskdeck runs your commands for you: every few minutes, on a cron schedule, once at a set
          time, or when something happens. Create your first task, or bring tasks from another
          computer.
        </p>
      </div>
      <div className="welcome-actions">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            openEditor({ mode: 'create' });
          }}
        >
          <Plus size={15} aria-hidden /> Create a task
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            navigate({ screen: 'settings' });
          }}
        >
          <Upload size={15} aria-hidden /> Import tasks…
        </button>
      </div>
    </section>
  );
}
