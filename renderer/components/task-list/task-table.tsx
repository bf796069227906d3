import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { useActions, useAppStore, useStoreApi } from '../../hooks/use-app-store.js';
import type { SortKey } from '../../store/app-state.js';
import { clickSelection } from '../../store/selection.js';
import { rowDomId, TaskRow } from './task-row.js';

/** Row height in pixels; fixed, so ten thousand rows cost nothing to measure. */
export const ROW_HEIGHT = 58;
const HEADER_HEIGHT = 34;
/** Sparklines load this long after scrolling stops, for the rows then in view. */
const RECENT_DELAY_MS = 120;

const COLUMNS: { key: SortKey | null; label: string; className: string }[] = [
  { key: 'name', label: 'Task', className: 'cell-task' },
  { key: 'state', label: 'State', className: 'cell-state' },
  { key: 'nextRun', label: 'Next run', className: 'cell-next' },
  { key: 'lastRun', label: 'Last run', className: 'cell-last' },
  { key: null, label: 'Recent runs', className: 'cell-recent' },
  { key: null, label: 'Tags', className: 'cell-tags' },
];

interface TaskTableProps {
  ids: string[];
  /** Asks to delete these tasks (the screen confirms first). */
  onRequestDelete: (ids: string[]) => void;
}

/**
 * The task list as a virtualized grid: only the rows in view exist in the page. Keyboard:
 * arrows, Home/End and Page keys move; Shift extends the selection; Space selects; Enter
 * opens; Ctrl/Cmd+A selects all; Delete deletes (confirmed); Escape clears the selection.
 * Mouse: a click opens, Ctrl/Cmd-click toggles, Shift-click selects a range; checkboxes toggle.
 */
export function TaskTable({ ids, onRequestDelete }: TaskTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const store = useStoreApi();
  const { setSelection, setActive, navigate, setSort, loadRecent } = useActions();
  const selection = useAppStore((state) => state.selection);
  const activeId = useAppStore((state) => state.activeId);
  const sort = useAppStore((state) => state.sort);
  const selected = useMemo(() => new Set(selection), [selection]);

  // The React Compiler is not used here; the virtualizer is read fresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // Rows start below the sticky header, and scrolling to a row must not hide it beneath.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const visibleKey = items.map((item) => ids[item.index]).join(',');

  useEffect(() => {
    if (visibleKey === '') return;
    const timer = setTimeout(() => {
      void loadRecent(visibleKey.split(','));
    }, RECENT_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [visibleKey, loadRecent]);

  // Opening the list with a row already chosen (a task just created) brings that row into view.
  const revealed = useRef(false);
  useEffect(() => {
    if (revealed.current || activeId === null) return;
    revealed.current = true;
    const at = ids.indexOf(activeId);
    if (at !== -1) virtualizer.scrollToIndex(at, { align: 'auto' });
  }, [ids, activeId, virtualizer]);

  const moveTo = useCallback(
    (index: number, extend: boolean) => {
      const next = Math.max(0, Math.min(ids.length - 1, index));
      const id = ids[next];
      if (id === undefined) return;
      const state = store.getState();
      setActive(id);
      if (extend) {
        const anchor = state.anchorId ?? state.activeId ?? id;
        const result = clickSelection(ids, state.selection, anchor, {
          id,
          range: true,
          toggle: false,
        });
        setSelection(result.selection, anchor);
      }
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [ids, store, setActive, setSelection, virtualizer],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const state = store.getState();
    const at = state.activeId === null ? -1 : ids.indexOf(state.activeId);
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    switch (event.key) {
      case 'ArrowDown':
        handled();
        moveTo(at + 1, event.shiftKey);
        return;
      case 'ArrowUp':
        handled();
        moveTo(at === -1 ? 0 : at - 1, event.shiftKey);
        return;
      case 'PageDown':
        handled();
        moveTo(at + page, event.shiftKey);
        return;
      case 'PageUp':
        handled();
        moveTo(at - page, event.shiftKey);
        return;
      case 'Home':
        handled();
        moveTo(0, event.shiftKey);
        return;
      case 'End':
        handled();
        moveTo(ids.length - 1, event.shiftKey);
        return;
      case 'Enter':
        if (state.activeId !== null) {
          handled();
          navigate({ screen: 'task', taskId: state.activeId });
        }
        return;
      case ' ':
        if (state.activeId !== null) {
          handled();
          const result = clickSelection(ids, state.selection, state.anchorId, {
            id: state.activeId,
            range: false,
            toggle: true,
          });
          setSelection(result.selection, result.anchorId);
        }
        return;
      case 'Escape':
        if (state.selection.length > 0) {
          handled();
          setSelection([], null);
        }
        return;
      case 'Delete':
      case 'Backspace': {
        const targets =
          state.selection.length > 0
            ? state.selection
            : state.activeId === null
              ? []
              : [state.activeId];
        if (targets.length > 0) {
          handled();
          onRequestDelete(targets);
        }
        return;
      }
      case 'a':
        if (event.ctrlKey || event.metaKey) {
          handled();
          setSelection(ids.slice(), ids[0] ?? null);
        }
        return;
    }
  };

  const onRowClick = useCallback(
    (event: MouseEvent, id: string) => {
      const state = store.getState();
      setActive(id);
      if (event.shiftKey || event.ctrlKey || event.metaKey) {
        const result = clickSelection(ids, state.selection, state.anchorId, {
          id,
          range: event.shiftKey,
          toggle: event.ctrlKey || event.metaKey,
        });
        setSelection(result.selection, result.anchorId);
        return;
      }
      navigate({ screen: 'task', taskId: id });
    },
    [ids, store, setActive, setSelection, navigate],
  );

  const onCheck = useCallback(
    (shiftKey: boolean, id: string) => {
      const state = store.getState();
      setActive(id);
      const result = clickSelection(ids, state.selection, state.anchorId, {
        id,
        range: shiftKey,
        toggle: true,
      });
      setSelection(result.selection, result.anchorId);
    },
    [ids, store, setActive, setSelection],
  );

  const allSelected = ids.length > 0 && selection.length === ids.length;
  const activeListed = activeId !== null && ids.includes(activeId);

  return (
    <div
      ref={scrollRef}
      className="task-table"
      role="grid"
      aria-label="Tasks"
      aria-rowcount={ids.length + 1}
      aria-multiselectable="true"
      aria-activedescendant={activeListed ? rowDomId(activeId) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        if (event.target === event.currentTarget && !activeListed && ids[0] !== undefined)
          setActive(ids[0]);
      }}
    >
      <div role="rowgroup" className="task-head">
        <div role="row" aria-rowindex={1} className="task-row head">
          <div role="columnheader" className="cell cell-check">
            <input
              type="checkbox"
              tabIndex={-1}
              aria-label={allSelected ? 'Clear the selection' : 'Select all listed tasks'}
              checked={allSelected}
              ref={(input) => {
                if (input !== null) input.indeterminate = selection.length > 0 && !allSelected;
              }}
              onChange={() => {
                setSelection(allSelected ? [] : ids.slice(), null);
              }}
            />
          </div>
          {COLUMNS.map((column) => {
            const sorted = column.key !== null && sort.key === column.key;
            return (
              <div
                key={column.label}
                role="columnheader"
                className={`cell ${column.className}`}
                aria-sort={sorted ? (sort.descending ? 'descending' : 'ascending') : undefined}
              >
                {column.key === null ? (
                  column.label
                ) : (
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => {
                      if (column.key !== null) setSort(column.key);
                    }}
                  >
                    {column.label}
                    {sorted &&
                      (sort.descending ? (
                        <ArrowDown size={12} aria-hidden />
                      ) : (
                        <ArrowUp size={12} aria-hidden />
                      ))}
                  </button>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="task-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const id = ids[item.index];
          if (id === undefined) return null;
          return (
            <TaskRow
              key={id}
              id={id}
              index={item.index}
              top={item.start - HEADER_HEIGHT}
              height={ROW_HEIGHT}
              selected={selected.has(id)}
              active={id === activeId}
              onRowClick={onRowClick}
              onCheck={onCheck}
            />
          );
        })}
      </div>
    </div>
  );
}
