import { CalendarClock, Plus, SearchX } from 'lucide-react';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useActions, useAppStore } from '../../hooks/use-app-store.js';
import { plural } from '../../store/slice.js';
import { createVisibleTaskIdsSelector } from '../../store/task-query.js';
import { selectTaskCount } from '../../store/task-values.js';
import { ConfirmDialog } from '../confirm-dialog.js';
import { ListFilters } from './list-filters.js';
import { SelectionBar } from './selection-bar.js';
import { TaskTable } from './task-table.js';

const selectVisibleIds = createVisibleTaskIdsSelector();

/** The task list: filters, bulk actions, the virtualized table, and empty states that guide. */
export function TaskListScreen() {
  const ids = useAppStore(useShallow(selectVisibleIds));
  const total = useAppStore(selectTaskCount);
  const loaded = useAppStore((state) => state.tasksLoaded);
  const loadError = useAppStore((state) => state.tasksError);
  const selection = useAppStore((state) => state.selection);
  const filtered = useAppStore(
    (state) => state.query !== '' || state.stateFilter !== null || state.tagFilter !== null,
  );
  const { openEditor, removeTasks, setQuery, setStateFilter, setTagFilter } = useActions();
  const [confirmDelete, setConfirmDelete] = useState<string[] | null>(null);

  let body;
  if (!loaded) {
    body = (
      <div className="empty-state" role="status">
        {loadError === null ? 'Loading tasks…' : `Could not load the tasks: ${loadError}`}
      </div>
    );
  } else if (total === 0) {
    body = (
      <div className="empty-state">
        <CalendarClock size={40} strokeWidth={1.4} aria-hidden className="empty-icon" />
        <h2>No tasks yet</h2>
        <p className="muted">
          A task runs a command for you: every few minutes, on a cron schedule, once at a set time,
          or when something happens, like the computer waking up.
        </p>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            openEditor({ mode: 'create' });
          }}
        >
          <Plus size={15} aria-hidden /> Create your first task
        </button>
      </div>
    );
  } else if (ids.length === 0) {
    body = (
      <div className="empty-state">
        <SearchX size={36} strokeWidth={1.4} aria-hidden className="empty-icon" />
        <h2>No tasks match</h2>
        <p className="muted">Nothing fits the search and filters you chose.</p>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setQuery('');
            setStateFilter(null);
            setTagFilter(null);
          }}
        >
          Clear search and filters
        </button>
      </div>
    );
  } else {
    body = <TaskTable ids={ids} onRequestDelete={setConfirmDelete} />;
  }

  return (
    <section className="screen list-screen" aria-labelledby="tasks-title">
      <header className="screen-header">
        <div className="screen-title">
          <h1 id="tasks-title">Tasks</h1>
          {loaded && (
            <span className="count" role="status" aria-label="Tasks shown">
              {filtered ? `${ids.length} of ${total}` : total}
            </span>
          )}
        </div>
        {selection.length > 0 ? (
          <SelectionBar selection={selection} onRequestDelete={setConfirmDelete} />
        ) : (
          <ListFilters />
        )}
      </header>
      {body}
      {confirmDelete !== null && (
        <ConfirmDialog
          title={`Delete ${plural(confirmDelete.length, 'task')}?`}
          message="Their history goes with them, and running ones are stopped. This cannot be undone."
          confirmLabel={`Delete ${plural(confirmDelete.length, 'task')}`}
          onCancel={() => {
            setConfirmDelete(null);
          }}
          onConfirm={() => {
            const ids = confirmDelete;
            setConfirmDelete(null);
            void removeTasks(ids);
          }}
        />
      )}
    </section>
  );
}
