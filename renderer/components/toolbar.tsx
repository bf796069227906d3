import { Pause, Play, Plus, Search, X } from 'lucide-react';
import { useRef } from 'react';
import { useActions, useAppStore } from '../hooks/use-app-store.js';
import { SEARCH_INPUT_ID } from '../hooks/use-shortcuts.js';

function SchedulerStatus() {
  const scheduler = useAppStore((state) => state.scheduler);
  if (scheduler === null) return null;
  const words = scheduler.paused
    ? 'All paused'
    : `${scheduler.running} of ${scheduler.maxRunningTasks} running · ${scheduler.queued} queued`;
  return (
    <span
      className={`scheduler-status ${scheduler.paused ? 'paused' : 'live'}`}
      role="status"
      aria-label={`Scheduler: ${words}`}
      title={
        scheduler.paused
          ? 'Nothing new starts until you resume; running tasks finish.'
          : `At most ${scheduler.maxRunningTasks} tasks run at once; others wait in the queue.`
      }
    >
      <span className="dot" aria-hidden="true" />
      {words}
    </span>
  );
}

/**
 * The toolbar: search (press / to focus it; typing shows the task list), the scheduler's
 * status, pause or resume everything, and a new task.
 */
export function Toolbar() {
  const query = useAppStore((state) => state.query);
  const paused = useAppStore((state) => state.scheduler?.paused ?? false);
  const route = useAppStore((state) => state.route);
  const { setQuery, navigate, openEditor, pauseAll, resumeAll } = useActions();
  const search = useRef<HTMLInputElement>(null);

  return (
    <header className="toolbar">
      <div className="search">
        <Search size={15} className="search-icon" aria-hidden />
        <input
          ref={search}
          id={SEARCH_INPUT_ID}
          type="search"
          className="input search-input"
          placeholder="Search tasks"
          aria-label="Search tasks"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            if (route.screen !== 'tasks') navigate({ screen: 'tasks' });
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && query !== '') {
              event.preventDefault();
              setQuery('');
            }
            if (event.key === 'ArrowDown' || event.key === 'Enter') {
              // Down (or Enter) goes from the search straight into the results.
              const grid = document.querySelector<HTMLElement>('[role="grid"][aria-label="Tasks"]');
              if (grid !== null) {
                event.preventDefault();
                grid.focus();
              }
            }
          }}
        />
        {query === '' ? (
          <span className="kbd search-hint" aria-hidden="true">
            /
          </span>
        ) : (
          <button
            type="button"
            className="btn btn-quiet btn-icon btn-sm search-clear"
            aria-label="Clear search"
            onClick={() => {
              setQuery('');
              search.current?.focus();
            }}
          >
            <X size={14} aria-hidden />
          </button>
        )}
      </div>
      <div className="toolbar-end">
        <SchedulerStatus />
        {paused ? (
          <button type="button" className="btn" onClick={() => void resumeAll()}>
            <Play size={15} aria-hidden /> Resume all
          </button>
        ) : (
          <button type="button" className="btn" onClick={() => void pauseAll()}>
            <Pause size={15} aria-hidden /> Pause all
          </button>
        )}
        <button
          type="button"
          className="btn btn-primary"
          aria-keyshortcuts="n"
          onClick={() => {
            openEditor({ mode: 'create' });
          }}
        >
          <Plus size={15} aria-hidden /> New task
        </button>
      </div>
    </header>
  );
}
